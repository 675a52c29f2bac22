package org.openll.cli.master;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openll.cli.LlMain;
import org.openll.common.aot.AotCacheFile;
import org.openll.common.aot.TrainingScratch;
import org.openll.common.cluster.ClusterHome;

/**
 * The training run of the daemons' AOT caches ({@link DaemonAotCache}), run by
 * {@code ./openll build} on the daemons' class path: a personal cluster of 2 startds in a scratch
 * home, its daemons recording their AOT configurations, runs a file of short steps, single-step
 * jobs and the everyday queries; when it has stopped, one cache per kind of daemon is created
 * from the recorded configurations. Prints one line and exits 0 even when no cache could be built:
 * the daemons then start without one.
 *
 * <p>Usage: {@code DaemonAotTraining [STEPS]} (default 1,000 steps of {@code /bin/true}).
 */
public final class DaemonAotTraining {
  private static final Duration UP_DEADLINE = Duration.ofMinutes(2);
  private static final Duration RUN_DEADLINE = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofMillis(200);
  /** The daemons write their configurations (~70 MB each) as they exit: the master waits that long. */
  private static final String STOP_GRACE = "MASTER_STOP_GRACE = 120s\n";
  private static final long MASTER_EXIT_SECONDS = 300;
  private static final long CREATE_DEADLINE_SECONDS = 300;
  private static final int SINGLE_STEP_JOBS = 20;

  private DaemonAotTraining() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    DaemonAotCache caches = DaemonAotCache.forThisJvm(Optional.empty());
    List<DaemonSpec> kinds = List.of(new DaemonSpec("negotiator", DaemonSpec.NEGOTIATOR_MAIN, List.of()),
        new DaemonSpec("schedd", DaemonSpec.SCHEDD_MAIN, List.of()),
        new DaemonSpec("startd-training", DaemonSpec.STARTD_MAIN, List.of()));
    if (Runtime.version().feature() < AotCacheFile.FIRST_FEATURE || caches.expected(kinds.get(0)).isEmpty()) {
      System.out.println("openll: no daemon AOT caches (JDK " + Runtime.version().feature()
          + " or a class path not all of jars); daemons start without them");
      return;
    }
    try (TrainingScratch scratch = TrainingScratch.create("openll-daemon-aot")) {
      Path configurations = Files.createDirectories(scratch.resolve("configurations"));
      String outcome = train(new ClusterHome(scratch.resolve("home")), configurations, steps);
      List<Creation> creations = new ArrayList<>();
      for (DaemonSpec kind : kinds) { // at once: each takes a core for some seconds
        create(caches, kind, configurations).ifPresent(creations::add);
      }
      List<String> built = new ArrayList<>();
      for (Creation creation : creations) {
        if (creation.finish()) {
          built.add(creation.kind());
        }
      }
      System.out.println(built.isEmpty()
          ? "openll: could not build the daemons' AOT caches (" + outcome + "); daemons start without them"
          : "openll: daemons' AOT caches in " + caches.expected(kinds.get(0)).orElseThrow().getParent() + ": "
              + String.join(" ", built) + " (" + outcome + ")");
    }
  }

  /** Runs the cluster through its training and stops it; returns what it ran, for the build's line. */
  private static String train(ClusterHome home, Path configurations, int steps) throws IOException, InterruptedException {
    Files.createDirectories(home.logDir());
    Files.writeString(home.configFile(), STOP_GRACE);
    Path work = Files.createDirectories(home.root().resolve("work"));
    Path stepsFile = Files.writeString(work.resolve("steps.cmd"), jobFile(steps));
    Path oneStep = Files.writeString(work.resolve("one.cmd"), jobFile(1));
    List<String> command = JavaCommand.ofThisJvm(Optional.of("warn")).command(MasterMain.class.getName(),
        JavaCommand.MASTER_FLAGS, List.of("--home", home.root().toString(), "--startds", "2", "--cpus", "2",
            "--aot-training", configurations.toString()));
    Process master = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(home.logDir().resolve("master.out").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    Commands commands = new Commands(home, work);
    try {
      if (!Waits.until(() -> commands.run("llsubmit", stepsFile.toString()) == 0, UP_DEADLINE, POLL)) {
        return "the schedd did not answer within " + UP_DEADLINE.toSeconds() + " s";
      }
      for (int job = 0; job < SINGLE_STEP_JOBS; job++) {
        commands.run("llsubmit", oneStep.toString());
        commands.run(job % 2 == 0 ? "llq" : "llstatus");
      }
      for (String[] query : List.of(new String[] {"llq", "-l"}, new String[] {"llstatus", "-l"},
          new String[] {"llclass"}, new String[] {"llq", "--json"})) {
        commands.run(query);
      }
      boolean done = Waits.until(() -> commands.output("llq").contains("no job status to report"), RUN_DEADLINE, POLL);
      return done ? (steps + SINGLE_STEP_JOBS) + " steps trained"
          : "the steps did not finish within " + RUN_DEADLINE.toMinutes() + " min";
    } finally {
      master.destroy();
      if (!master.waitFor(MASTER_EXIT_SECONDS, TimeUnit.SECONDS)) {
        master.destroyForcibly();
      }
    }
  }

  /** Starts creating {@code kind}'s cache from the configuration its first daemon recorded, if one did. */
  private static Optional<Creation> create(DaemonAotCache caches, DaemonSpec kind, Path configurations)
      throws IOException {
    Optional<Path> configuration;
    String prefix = DaemonAotCache.kind(kind);
    try (Stream<Path> files = Files.list(configurations)) {
      configuration = files.filter(file -> file.getFileName().toString().startsWith(prefix)
              && file.getFileName().toString().endsWith(DaemonAotCache.CONFIGURATION_SUFFIX))
          .filter(file -> file.toFile().length() > 0).sorted().findFirst();
    }
    Path cache = caches.expected(kind).orElseThrow();
    Files.createDirectories(cache.getParent());
    AotCacheFile.removeOthers(cache, DaemonAotCache.cacheName(kind));
    if (configuration.isEmpty()) {
      return Optional.empty();
    }
    Path tmp = cache.resolveSibling(cache.getFileName() + ".tmp");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(DaemonAotCache.keyFlags(kind));
    command.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration.get(),
        "-XX:AOTCache=" + tmp, "-Xlog:aot*=off", "-Xlog:cds*=off", "-cp", System.getProperty("java.class.path")));
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    return Optional.of(new Creation(prefix, process, tmp, cache));
  }

  /** A JVM creating the cache of one kind of daemon into {@code tmp}, renamed to {@code cache} when it succeeds. */
  private record Creation(String kind, Process process, Path tmp, Path cache) {
    boolean finish() throws IOException, InterruptedException {
      try {
        if (!process.waitFor(CREATE_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return false;
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(tmp)) {
          return false;
        }
        Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  static String jobFile(int steps) {
    return "# @ job_name = aot\n# @ executable = /bin/true\n# @ output = /dev/null\n# @ error = /dev/null\n"
        + "# @ queue\n".repeat(steps);
  }

  /** The commands, run in this JVM against the training home, their output discarded or returned. */
  private record Commands(ClusterHome home, Path work) {
    int run(String... line) {
      return run(new PrintStream(OutputStream.nullOutputStream()), line);
    }

    String output(String... line) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      run(new PrintStream(out, true, StandardCharsets.UTF_8), line);
      return out.toString(StandardCharsets.UTF_8);
    }

    private int run(PrintStream out, String... line) {
      Map<String, String> env = new HashMap<>(System.getenv());
      env.put(ClusterHome.ENV, home.root().toString());
      return LlMain.run(line[0], java.util.Arrays.copyOfRange(line, 1, line.length), out,
          new PrintStream(OutputStream.nullOutputStream()), env, work);
    }
  }
}
