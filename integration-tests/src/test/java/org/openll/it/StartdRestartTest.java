package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5, point 2: running steps survive a kill -9 of their startd (docs/fault-tolerance.md, "Execute side"). */
class StartdRestartTest {
  private static final String STARTD = "org.openll.startd.StartdMain";
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path root;

  @Test
  void killStartd_whileStepsRun_stepsCompleteWithTheirTrueExitCodeAndTimesAndLlctlStopLeavesNothing()
      throws Exception {
    List<ProcessHandle> stepProcesses = new ArrayList<>();
    // The restart must be a restart, not a loss: under load a new startd JVM can take longer than
    // the fast config's MACHINE_LOST_TIMEOUT, and a lost machine's steps rightly run again elsewhere.
    TestCluster cluster = TestCluster.start(root, 1, 3, "MACHINE_LOST_TIMEOUT = 60s\n", "");
    boolean stopped = false;
    try {
      String longJob = cluster.submit(cluster.writeJobFile("long.cmd", """
          # @ executable = /bin/sleep
          # @ arguments = 300
          # @ queue
          """));
      Path file = cluster.writeJobFile("survive.cmd", """
          #!/bin/sh
          # @ job_name = survive
          # @ output = survive.$(jobid).$(stepid).out
          # @ error  = survive.$(jobid).$(stepid).err
          # @ queue
          # @ queue
          date -u +%Y-%m-%dT%H:%M:%S.%NZ
          sleep 5
          date -u +%Y-%m-%dT%H:%M:%S.%NZ
          exit 7
          """);
      String jobId = cluster.submit(file);
      Conditions.await("all three steps running", DEADLINE, () -> {
        List<JsonObject> steps = Steps.query(cluster, jobId, longJob);
        return steps.size() == 3 && steps.stream().allMatch(s -> Steps.state(s).equals("STEP_STATE_RUNNING"));
      });
      ProcessHandle startd = cluster.daemon(STARTD).orElseThrow();
      Conditions.await("three starters and their steps", Duration.ofSeconds(10),
          () -> startd.children().count() == 3 && startd.descendants().count() >= 6);
      stepProcesses.addAll(startd.descendants().toList());

      Instant killed = Instant.now();
      startd.destroyForcibly();
      Conditions.await("the startd to die", Duration.ofSeconds(10), () -> !startd.isAlive());
      assertTrue(stepProcesses.stream().allMatch(ProcessHandle::isAlive), "the steps outlive their startd");
      Conditions.await("the master to restart the startd", DEADLINE,
          () -> cluster.daemon(STARTD).filter(p -> p.pid() != startd.pid()).isPresent());

      List<JsonObject> steps = Steps.awaitFinished(cluster, jobId, 2, DEADLINE);
      String jobNumber = jobId.substring(jobId.lastIndexOf('.') + 1);
      for (int i = 0; i < 2; i++) {
        JsonObject step = steps.get(i);
        assertEquals("STEP_STATE_COMPLETED", Steps.state(step), step.toString());
        assertEquals(7, Steps.exitCode(step), step.toString());
        JsonObject result = step.getAsJsonObject("result");
        Instant start = Instant.parse(result.get("start_time").getAsString());
        Instant end = Instant.parse(result.get("end_time").getAsString());
        List<String> printed = Files.readAllLines(cluster.workDir().resolve("survive." + jobNumber + "." + i + ".out"));
        Instant printedStart = Instant.parse(printed.get(0));
        Instant printedEnd = Instant.parse(printed.get(1));
        assertTrue(start.isBefore(killed), "step " + i + " ran once, from before the kill: " + start);
        assertTrue(!start.isAfter(printedStart) && Duration.between(start, printedStart).toMillis() < 1000,
            "start " + start + " is the step's own, which printed " + printedStart);
        assertTrue(!end.isBefore(printedEnd) && Duration.between(printedEnd, end).toMillis() < 1000,
            "end " + end + " is the step's own, which printed " + printedEnd);
      }
      assertEquals("STEP_STATE_RUNNING", Steps.state(Steps.query(cluster, longJob).getFirst()));
      assertTrue(stepProcesses.stream().anyMatch(ProcessHandle::isAlive), "the long step runs on");

      cluster.close(); // llctl stop: the re-adopted long step is cancelled, its starter ends
      stopped = true;
      Conditions.await("no starter or step process left", Duration.ofSeconds(30),
          () -> stepProcesses.stream().noneMatch(ProcessHandle::isAlive));
      Path spool = cluster.home().resolve("spool");
      Conditions.await("no step folder left in the startd's spool", Duration.ofSeconds(10), () -> {
        try (Stream<Path> folders = Files.walk(spool, 2)) {
          return folders.noneMatch(p -> p.getFileName().toString().startsWith(jobId + "."));
        } catch (java.io.IOException e) {
          return false;
        }
      });
    } finally {
      stepProcesses.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      if (!stopped) {
        cluster.close();
      }
    }
  }
}
