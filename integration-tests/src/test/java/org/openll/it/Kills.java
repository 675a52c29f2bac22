package org.openll.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Real faults for a {@link TestCluster}: SIGKILL, SIGSTOP and SIGCONT of its daemons. */
final class Kills {
  static final String NEGOTIATOR = "org.openll.negotiator.NegotiatorMain";
  static final String SCHEDD = "org.openll.schedd.ScheddMain";
  static final String STARTD = "org.openll.startd.StartdMain";

  private Kills() {}

  /** The live startd of {@code machine}, if any. */
  static Optional<ProcessHandle> startd(TestCluster cluster, String machine) {
    return ProcessHandle.of(cluster.masterPid()).stream().flatMap(ProcessHandle::children)
        .filter(p -> {
          List<String> line = TestCluster.commandLine(p);
          int i = line.indexOf("--machine");
          return line.stream().anyMatch(a -> a.contains(STARTD)) && i >= 0 && i + 1 < line.size()
              && line.get(i + 1).equals(machine);
        })
        .findFirst();
  }

  /** SIGKILLs {@code daemon} and waits until it is gone. */
  static void kill9(ProcessHandle daemon) {
    daemon.destroyForcibly();
    Conditions.await("pid " + daemon.pid() + " to die", Duration.ofSeconds(10), () -> !daemon.isAlive());
  }

  /** SIGKILLs the daemon running {@code mainClass} and waits until the master started a new one. */
  static void kill9AndAwaitRestart(TestCluster cluster, String mainClass, Duration deadline) {
    ProcessHandle old = cluster.daemon(mainClass).orElseThrow(() -> new AssertionError("no " + mainClass));
    kill9(old);
    Conditions.await("the master to restart " + mainClass, deadline,
        () -> cluster.daemon(mainClass).filter(p -> p.pid() != old.pid()).isPresent());
  }

  /** SIGKILLs the startd of {@code machine} and waits until the master started a new one. */
  static void kill9StartdAndAwaitRestart(TestCluster cluster, String machine, Duration deadline) {
    ProcessHandle old = startd(cluster, machine).orElseThrow(() -> new AssertionError("no startd for " + machine));
    kill9(old);
    Conditions.await("the master to restart the startd of " + machine, deadline,
        () -> startd(cluster, machine).filter(p -> p.pid() != old.pid()).isPresent());
  }

  /** The startd of {@code machine} and everything it started (starters, steps), startd first. */
  static List<ProcessHandle> machine(TestCluster cluster, String machine) {
    ProcessHandle startd = startd(cluster, machine).orElseThrow(() -> new AssertionError("no startd for " + machine));
    return Stream.concat(Stream.of(startd), startd.descendants()).toList();
  }

  /**
   * Whether {@code p} is a pooled starter ({@code StarterMain --pool}): it outlives the steps it
   * runs (docs/starter.md, "Pool of pre-started starters"), so a step's copy is its other processes.
   */
  static boolean pooledStarter(ProcessHandle p) {
    return TestCluster.commandLine(p).contains("--pool");
  }

  /** Sends {@code kill -SIGNAL} to every process of {@code processes} at once. */
  static void signal(String signal, List<ProcessHandle> processes) {
    if (processes.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    processes.forEach(p -> command.add(Long.toString(p.pid())));
    try {
      new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
