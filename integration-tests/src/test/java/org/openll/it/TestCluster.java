package org.openll.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openll.cli.LlMain;
import org.openll.common.cluster.CommandLines;

/**
 * A personal cluster in a temporary home, started as a user would: {@code llctl start} launches the
 * master, which runs the negotiator, the schedd and the startds as separate JVMs on loopback
 * ports. Commands run in-process through {@link LlMain}, with OPENLL_HOME pointing here.
 * {@link #close()} stops everything and checks that no process of the cluster is left.
 */
final class TestCluster implements AutoCloseable {
  private static final String FAST_CONFIG = """
      # fast intervals so tests do not wait on timers
      NEGOTIATOR_INTERVAL = 200ms
      MACHINE_UPDATE_INTERVAL = 500ms
      STARTER_KILL_GRACE = 1s
      """;

  /**
   * How long {@code llctl start} may wait for every daemon: a bound, not a pause (it returns once
   * they answer, a few seconds on a quiet machine); a 2-core machine running other builds has taken
   * over a minute to bring a daemon JVM up.
   */
  static final String START_TIMEOUT_SECONDS = "180";

  private final Path home;
  private final Path workDir;
  private final Map<String, String> env;

  private TestCluster(Path home, Path workDir) {
    this.home = home;
    this.workDir = workDir;
    this.env = new HashMap<>(System.getenv());
    env.put("OPENLL_HOME", home.toString());
  }

  /** Starts a cluster of {@code startds} machines with {@code cpus} CPUs each under {@code root}. */
  static TestCluster start(Path root, int startds, int cpus) {
    return start(root, startds, cpus, "", "");
  }

  /**
   * {@link #start(Path, int, int)} with {@code config} appended to the fast LoadL_config and
   * {@code admin} as LoadL_admin (none when blank).
   */
  static TestCluster start(Path root, int startds, int cpus, String config, String admin) {
    try {
      Path home = Files.createDirectories(root.resolve("home"));
      Path work = Files.createDirectories(root.resolve("work"));
      Files.writeString(home.resolve("LoadL_config"), FAST_CONFIG + config);
      if (!admin.isBlank()) {
        Files.writeString(home.resolve("LoadL_admin"), admin);
      }
      TestCluster cluster = new TestCluster(home, work);
      CommandResult started =
          cluster.run("llctl", "start", "--startds", String.valueOf(startds), "--cpus", String.valueOf(cpus),
              "--timeout", START_TIMEOUT_SECONDS);
      if (started.exitCode() != 0) {
        cluster.close();
        started.requireSuccess();
      }
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commands against {@code home} without starting anything there. */
  static TestCluster attach(Path home, Path workDir) {
    return new TestCluster(home, workDir);
  }

  Path home() {
    return home;
  }

  /** The folder commands run in: relative paths of job command files start here. */
  Path workDir() {
    return workDir;
  }

  /** Runs one command ({@code llsubmit}, {@code llq}, ...) as a user would, in {@link #workDir()}. */
  CommandResult run(String command, String... args) {
    return runWith(Map.of(), command, args);
  }

  /** {@link #run} with {@code extraEnv} added to the command's environment. */
  CommandResult runWith(Map<String, String> extraEnv, String command, String... args) {
    Map<String, String> env = new HashMap<>(this.env);
    env.putAll(extraEnv);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = LlMain.run(command, args, o, e, env, workDir);
    }
    return new CommandResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Writes a job command file into the work folder and returns its path. */
  Path writeJobFile(String name, String content) {
    try {
      Path file = workDir.resolve(name);
      Files.writeString(file, content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Submits {@code file} and returns the job id llsubmit printed. */
  String submit(Path file) {
    CommandResult result = run("llsubmit", file.toString()).requireSuccess();
    String line = result.out().strip();
    int open = line.indexOf('"');
    int close = line.indexOf('"', open + 1);
    if (!line.startsWith("llsubmit: The job \"") || close < 0) {
      throw new AssertionError("unexpected llsubmit output: " + line);
    }
    return line.substring(open + 1, close);
  }

  /** The master's pid, from run/master.pid. */
  long masterPid() {
    try {
      return Long.parseLong(Files.readString(home.resolve("run/master.pid")).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The live daemon process whose command line names {@code mainClass}, if any. */
  Optional<ProcessHandle> daemon(String mainClass) {
    return ProcessHandle.of(masterPid()).stream()
        .flatMap(ProcessHandle::children)
        .filter(p -> commandLine(p).contains(mainClass))
        .findFirst();
  }

  private static String mainClassAndArguments(ProcessHandle process) {
    List<String> args = commandLine(process);
    int main = 0;
    while (main < args.size() && !args.get(main).startsWith("org.openll.")) {
      main++;
    }
    return String.join(" ", args.subList(Math.min(main, args.size()), args.size()));
  }

  static List<String> commandLine(ProcessHandle process) {
    return CommandLines.of(process.pid()).orElse(List.of());
  }

  /** Every live process this cluster started: the master and all its descendants. */
  List<ProcessHandle> processes() {
    try {
      Optional<ProcessHandle> master = ProcessHandle.of(masterPid());
      return master.stream().flatMap(m -> Stream.concat(Stream.of(m), m.descendants()))
          .filter(ProcessHandle::isAlive).toList();
    } catch (UncheckedIOException e) {
      return List.of();
    }
  }

  @Override
  public void close() {
    List<ProcessHandle> before = Files.exists(home.resolve("run/master.pid")) ? processes() : List.of();
    CommandResult stop = run("llctl", "stop");
    try {
      Conditions.await("every cluster process to exit", Duration.ofSeconds(30),
          () -> before.stream().noneMatch(ProcessHandle::isAlive));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; left: " + before.stream().filter(ProcessHandle::isAlive)
          .map(p -> p.pid() + " " + mainClassAndArguments(p)).toList() + "; llctl stop said: " + stop, e);
    } finally {
      before.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
    stop.requireSuccess();
  }
}
