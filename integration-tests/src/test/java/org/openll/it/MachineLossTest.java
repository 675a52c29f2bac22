package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, point 3: a machine that vanishes past {@code MACHINE_LOST_TIMEOUT} has its steps vacated,
 * and when it comes back its copy is killed (docs/fault-tolerance.md, "Machines that vanish").
 */
class MachineLossTest {
  private static final String CONFIG = """
      NEGOTIATOR_INTERVAL = 200ms
      MACHINE_UPDATE_INTERVAL = 300ms
      MACHINE_TIMEOUT = 2s
      MACHINE_LOST_TIMEOUT = 4s
      SCHEDD_START_RETRY_INTERVAL = 200ms
      SCHEDD_START_RETRY_MAX = 1s
      STARTER_KILL_GRACE = 1s
      """;
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path root;
  private TestCluster cluster;
  private final List<ProcessHandle> frozen = new ArrayList<>();

  @AfterEach
  void tearDown() throws IOException {
    signal("CONT", frozen);
    if (cluster != null) {
      String keep = System.getProperty("openll.it.keepLogs");
      if (keep != null) {
        copy(cluster.home().resolve("log"), Path.of(keep).resolve(root.getFileName().toString()));
      }
      cluster.close();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Test
  void frozenMachine_pastLostTimeout_stepVacatedRunsElsewhereAndTheOldCopyIsKilledWhenItResumes() {
    start();
    String jobId = cluster.submit(cluster.writeJobFile("sleep.cmd", """
        # @ executable = /bin/sleep
        # @ arguments = 15
        # @ queue
        """));
    String first = awaitRunning(jobId, "");
    List<ProcessHandle> firstCopy = freeze(first);

    String second = awaitRunning(jobId, first);
    assertNotEquals(first, second);
    assertTrue(history(jobId).contains("STEP_STATE_VACATED"), history(jobId).toString());

    signal("CONT", frozen);
    frozen.clear();
    Conditions.await("the copy on " + first + " to be killed", Duration.ofSeconds(20),
        () -> firstCopy.stream().skip(1).filter(p -> !Kills.pooledStarter(p)).noneMatch(ProcessHandle::isAlive));
    JsonObject step = Steps.query(cluster, jobId).getFirst();
    assertEquals("STEP_STATE_RUNNING", Steps.state(step), "the copy on " + second + " runs on: " + step);

    JsonObject done = Steps.awaitFinished(cluster, jobId, 1, DEADLINE).getFirst();
    assertEquals("STEP_STATE_COMPLETED", Steps.state(done), done.toString());
    assertEquals(second, done.get("machine").getAsString(), done.toString());
    assertEquals(1, history(jobId).stream().filter("STEP_STATE_COMPLETED"::equals).count());
  }

  @Test
  void frozenMachine_restartNo_stepCanceled() {
    start();
    String jobId = cluster.submit(cluster.writeJobFile("sleep.cmd", """
        # @ executable = /bin/sleep
        # @ arguments = 15
        # @ restart = no
        # @ queue
        """));
    String first = awaitRunning(jobId, "");
    freeze(first);

    JsonObject done = Steps.awaitFinished(cluster, jobId, 1, DEADLINE).getFirst();
    assertEquals("STEP_STATE_CANCELED", Steps.state(done), done.toString());
  }

  private void start() {
    try {
      Path home = Files.createDirectories(root.resolve("home"));
      Path work = Files.createDirectories(root.resolve("work"));
      Files.writeString(home.resolve("LoadL_config"), CONFIG);
      cluster = TestCluster.attach(home, work);
      cluster.run("llctl", "start", "--startds", "2", "--cpus", "1", "--timeout", TestCluster.START_TIMEOUT_SECONDS)
          .requireSuccess();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Waits until the step runs on a machine other than {@code notOn} and returns that machine. */
  private String awaitRunning(String jobId, String notOn) {
    AtomicReference<String> machine = new AtomicReference<>();
    Conditions.await("step of " + jobId + " running elsewhere than '" + notOn + "'", DEADLINE, () -> {
      List<JsonObject> steps = Steps.query(cluster, jobId);
      if (steps.size() != 1 || !Steps.state(steps.getFirst()).equals("STEP_STATE_RUNNING")
          || !steps.getFirst().has("machine")) {
        return false;
      }
      machine.set(steps.getFirst().get("machine").getAsString());
      return !machine.get().equals(notOn);
    });
    return machine.get();
  }

  /** SIGSTOPs the startd of {@code machine} and its descendants (starters, steps); returns them, startd first. */
  private List<ProcessHandle> freeze(String machine) {
    ProcessHandle startd = ProcessHandle.of(cluster.masterPid()).orElseThrow().children()
        .filter(p -> {
          List<String> line = TestCluster.commandLine(p);
          int i = line.indexOf("--machine");
          return line.stream().anyMatch(a -> a.contains("StartdMain")) && i >= 0 && i + 1 < line.size()
              && line.get(i + 1).equals(machine);
        })
        .findFirst().orElseThrow(() -> new AssertionError("no startd for " + machine));
    Conditions.await("a starter and its step under the startd of " + machine, Duration.ofSeconds(10),
        () -> startd.descendants().count() >= 2);
    List<ProcessHandle> all = Stream.concat(Stream.of(startd), startd.descendants()).toList();
    frozen.addAll(all);
    signal("STOP", all);
    return all;
  }

  private List<String> history(String jobId) {
    JsonObject step = Steps.query(cluster, jobId).getFirst();
    List<String> states = new ArrayList<>();
    step.getAsJsonArray("history").forEach(h -> states.add(h.getAsJsonObject().get("state").getAsString()));
    return states;
  }

  private static void signal(String signal, List<ProcessHandle> processes) {
    if (processes.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    processes.forEach(p -> command.add(Long.toString(p.pid())));
    try {
      new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
