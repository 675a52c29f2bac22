package org.openll.startd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StepLaunch;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepState;
import org.openll.common.admin.AdminFile;
import org.openll.common.admin.ClassLimits;

/**
 * What the execute side costs per short step, without schedd, negotiator or TCP: the real
 * {@link StepLauncher}, starter processes and link server, and an in-process schedd that commits
 * at once. Two steps of {@code /bin/true} in flight at a time (a 2-slot machine), the next one
 * started as soon as one's final record is committed; first with a starter per step
 * ({@code STARTER_POOL_SIZE = 0}), then with a pool of 2. Prints steps/s, StartStep → Completed
 * latency, and the CPU of this JVM (the startd, plus the fake schedd and this loop) and of the
 * starters (their JVMs and the steps) per step. Not a test: run it with
 * {@code ./mvnw -o -q -pl proto,starter,startd -am verify -Dtest=ExecuteSideBench
 * -Dsurefire.failIfNoSpecifiedTests=false -Dopenll.bench=true [-Dopenll.bench.lib=$PWD/lib]
 * [-Dopenll.bench.steps=300] [-Dopenll.bench.pools=0,2] [-Dopenll.bench.containment=proc]
 * [-Dopenll.bench.starterFlags=-XX:StartFlightRecording=filename=/tmp/starter-%p.jfr]}; with {@code openll.bench.lib} the starters run from the
 * distribution's jars and use its AOT cache, as a startd started by {@code llctl} does.
 */
class ExecuteSideBench {
  /** As a startd with STARTER_CONTAINMENT = auto chooses on this machine. */
  private static final ContainmentProbe.Choice CONTAINMENT =
      new ContainmentProbe(Path.of("/proc/self/mounts")).choose(System.getProperty("openll.bench.containment", "auto"));

  @TempDir Path dir;

  @Test
  void shortSteps_starterPerStepVersusPool() throws Exception {
    assumeTrue(Boolean.getBoolean("openll.bench"), "set -Dopenll.bench=true to run the benchmark");
    int steps = Integer.getInteger("openll.bench.steps", 300);
    System.out.printf("execute side, %d steps of /bin/true, 2 in flight, containment %s, starter AOT cache %s, load %s%n",
        steps, CONTAINMENT.mechanism(), starterCommand().command().stream().anyMatch(a -> a.startsWith("-XX:AOTCache="))
            ? "yes" : "no", Files.readString(Path.of("/proc/loadavg")).trim());
    System.out.println("| starters | steps/s | StartStep→Completed p50 / p99 | this JVM CPU per step | starters' CPU per step |");
    System.out.println("|---|---|---|---|---|");
    for (String size : System.getProperty("openll.bench.pools", "0,2").split(",")) {
      int n = Integer.parseInt(size.strip());
      run(n == 0 ? StepLauncher.PoolSettings.NONE : new StepLauncher.PoolSettings(n, 100), steps);
    }
  }

  private void run(StepLauncher.PoolSettings poolSettings, int steps) throws Exception {
    Path root = Files.createDirectories(dir.resolve("pool" + poolSettings.size()));
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    FakeSchedd schedd = new FakeSchedd();
    ClaimTable claims = new ClaimTable(new MachineIdentity("node1", 64, "s3cret"), MachineOffer.none(Path.of("")));
    ScheddReporter reporter = new ScheddReporter("node1", FakeSchedd.channels(), timer, ScheddReporter.Settings.defaults());
    StarterSettings minimal = StarterSettings.minimal(root.resolve("notify"));
    StarterSettings settings = new StarterSettings(CONTAINMENT, minimal.classLimits(), false, "", "", "", "", "",
        minimal.notifyDir(), minimal.samplePeriod(), minimal.scanPeriod(), minimal.reconnectMaxBackoff(),
        minimal.finalLinger(), minimal.syncFinalRecord());
    StepLauncher launcher = new StepLauncher(claims, reporter, starterCommand(), root.resolve("spool"), "node1",
        Duration.ofSeconds(2), Clock.systemUTC(), settings, OwnerPolicy.asStartdUser("node1"), poolSettings);
    StarterLinkServer links = new StarterLinkServer(launcher.socket(), launcher);
    links.start();
    launcher.startPool();
    Conditions.await(() -> launcher.pool().counts().get(StarterPool.State.READY) == poolSettings.size(), 120,
        "pool ready");

    Map<String, Long> startedAt = new ConcurrentHashMap<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    Semaphore slots = new Semaphore(2);
    CountDownLatch done = new CountDownLatch(steps);
    schedd.listener = u -> {
      if (u.getState() == StepState.STEP_STATE_COMPLETED || u.getState() == StepState.STEP_STATE_TERMINATED) {
        latencies.add(System.nanoTime() - startedAt.get(u.getStepId()));
        slots.release();
        done.countDown();
      }
    };
    long cpu0 = ownCpuNanos();
    long children0 = childrenCpuNanos();
    long t0 = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      slots.acquire();
      String id = "h." + poolSettings.size() + "." + i;
      startedAt.put(id, System.nanoTime());
      launcher.start(request(id, schedd.name, root));
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new AssertionError("steps did not finish");
    }
    long wall = System.nanoTime() - t0;
    long cpu = ownCpuNanos() - cpu0;
    launcher.shutdown(Duration.ofSeconds(10));
    List<ProcessHandle> left = ProcessHandle.current().children().toList();
    Conditions.await(() -> left.stream().noneMatch(ProcessHandle::isAlive), 60, "starters gone");
    long children = childrenCpuNanos() - children0;
    links.close();
    reporter.close();
    schedd.close();
    timer.shutdownNow();

    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf("| %s | %.1f | %.0f / %.0f ms | %.1f ms | %.1f ms |%n",
        poolSettings.size() == 0 ? "one per step" : "pool of " + poolSettings.size() + ", " + poolSettings.maxSteps()
            + " steps each (" + launcher.stepsPooled() + " steps in pooled starters)",
        steps / (wall / 1e9), sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() * 99 / 100) / 1e6,
        cpu / 1e6 / steps, children / 1e6 / steps);
  }

  private static StartStepRequest request(String stepId, String schedd, Path root) {
    StepSpec spec = StepSpec.newBuilder().setStepName("0").setExecutable("/bin/true")
        .setInput("/dev/null").setOutput("/dev/null").setError("/dev/null").setInitialdir(root.toString())
        .setJobClass("No_Class").setCpus(1).build();
    return StartStepRequest.newBuilder()
        .setPermit(ClaimTableTest.permit(stepId, "node1", "s3cret"))
        .setLaunch(StepLaunch.newBuilder().setStepId(stepId).setJobName("h.1").setOwner("bench")
            .setScheddHost("h").setSpec(spec))
        .setScheddAddress(schedd)
        .build();
  }

  /** The starter command of {@code openll.bench.lib}'s jars (with their AOT cache), else of this build. */
  private static StarterCommand starterCommand() throws Exception {
    String lib = System.getProperty("openll.bench.lib", "");
    if (lib.isEmpty()) {
      return StarterCommand.forThisJvm();
    }
    // the startd's class path is lib/*:lib/daemon/* (the starter's jar is in lib/daemon), each in
    // directory order, as the JVM expands them: the AOT cache is keyed on that order
    List<String> jars = new ArrayList<>();
    for (Path folder : List.of(Path.of(lib), Path.of(lib, "daemon"))) {
      try (Stream<Path> files = Files.list(folder)) {
        files.filter(f -> f.toString().endsWith(".jar")).map(Path::toString).forEach(jars::add);
      }
    }
    StarterCommand command = StarterCommand.of(Path.of(System.getProperty("java.home"), "bin", "java"),
        String.join(File.pathSeparator, jars), Runtime.version().feature());
    String flags = System.getProperty("openll.bench.starterFlags", ""); // e.g. -XX:StartFlightRecording=...
    if (flags.isBlank()) {
      return command;
    }
    List<String> line = new ArrayList<>(command.command());
    line.addAll(1, List.of(flags.strip().split("\\s+")));
    return new StarterCommand(line);
  }

  private static long ownCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
  }

  /** CPU of this JVM's ended and reaped children and their reaped descendants (cutime + cstime). */
  private static long childrenCpuNanos() throws Exception {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10_000_000L; // fields 16, 17 at 100 Hz
  }
}
