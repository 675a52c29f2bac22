package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job command files through the whole life of their steps on one personal cluster of 4 machines. */
class LifecycleTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir static Path root;
  static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(root, 4, 2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void threeStepScript_runsEveryStepToCompleted_withOutputFilesAndExitCodes() throws Exception {
    Path file = cluster.writeJobFile("three.cmd", """
        #!/bin/sh
        # @ job_name = three
        # @ output = $(job_name).$(jobid).$(stepid).out
        # @ error  = $(job_name).$(jobid).$(stepid).err
        # @ step_name = first
        # @ queue
        # @ step_name = second
        # @ queue
        #@step_name=third
        #@queue
        echo "step $LOADL_STEP_NAME id $LOADL_STEP_ID job $LOADL_JOB_NAME"
        echo "to stderr" >&2
        case $LOADL_STEP_NAME in third) exit 7;; esac
        """);

    String jobId = cluster.submit(file);
    List<JsonObject> steps = Steps.awaitFinished(cluster, jobId, 3, DEADLINE);

    String jobNumber = jobId.substring(jobId.lastIndexOf('.') + 1);
    String[] names = {"first", "second", "third"};
    for (int i = 0; i < 3; i++) {
      JsonObject step = steps.get(i);
      assertEquals(jobId + "." + i, step.get("step_id").getAsString());
      assertEquals("STEP_STATE_COMPLETED", Steps.state(step));
      assertEquals(i == 2 ? 7 : 0, Steps.exitCode(step));
      Path out = cluster.workDir().resolve("three." + jobNumber + "." + i + ".out");
      assertEquals("step " + names[i] + " id " + jobId + "." + i + " job three\n", Files.readString(out));
      assertEquals("to stderr\n", Files.readString(cluster.workDir().resolve("three." + jobNumber + "." + i + ".err")));
    }
  }

  @Test
  void failingStep_longListingShowsItsExitCode() {
    Path file = cluster.writeJobFile("fail.cmd", """
        # @ executable = /bin/sh
        # @ arguments = -c "exit 3"
        # @ queue
        """);
    String jobId = cluster.submit(file);
    Steps.awaitFinished(cluster, jobId, 1, DEADLINE);

    CommandResult listing = cluster.run("llq", "-l", "-j", jobId).requireSuccess();

    assertTrue(listing.out().contains("Job Step Id: " + jobId + ".0"), listing.out());
    assertTrue(listing.out().contains("Status: Completed"), listing.out());
    assertTrue(listing.out().matches("(?s).*Completion Code: .*3.*"), listing.out());
  }

  @Test
  void cancel_runningStepWithForkedChildren_killsTheWholeTree() throws Exception {
    // a sleep length no other process uses marks every process of the step
    String marker = "sleep " + (1_000_000 + Math.floorMod(System.nanoTime(), 1_000_000));
    Path started = cluster.workDir().resolve("tree.started");
    Path file = cluster.writeJobFile("tree.cmd", """
        #!/bin/sh
        # @ job_name = tree
        # @ queue
        sh -c '%1$s; echo child' &
        sh -c 'sh -c "%1$s; echo grandchild"' &
        touch %2$s
        wait
        """.formatted(marker, started));

    String jobId = cluster.submit(file);
    Conditions.await("the step to start its children", DEADLINE, () -> Files.exists(started));
    Conditions.await("the children of the step", DEADLINE, () -> processesWith(marker) >= 2);

    cluster.run("llcancel", jobId).requireSuccess();

    List<JsonObject> steps = Steps.awaitFinished(cluster, jobId, 1, DEADLINE);
    assertEquals("STEP_STATE_REMOVED", Steps.state(steps.get(0)));
    Conditions.await("no process of the step left", Duration.ofSeconds(10), () -> processesWith(marker) == 0);
  }

  @Test
  void hundredShortSteps_onFourMachines_allComplete() {
    StringBuilder file = new StringBuilder("# @ executable = /bin/true\n");
    for (int i = 0; i < 100; i++) {
      file.append("# @ queue\n");
    }
    String jobId = cluster.submit(cluster.writeJobFile("hundred.cmd", file.toString()));

    List<JsonObject> steps = Steps.awaitFinished(cluster, jobId, 100, Duration.ofSeconds(240));

    assertTrue(steps.stream().allMatch(s -> Steps.state(s).equals("STEP_STATE_COMPLETED") && Steps.exitCode(s) == 0));
    Set<String> machines = steps.stream().map(s -> s.get("machine").getAsString()).collect(Collectors.toSet());
    assertEquals(4, machines.size(), "machines used: " + machines);
  }

  @Test
  void scheddKilled_afterSubmits_everyAcknowledgedStepCompletes() throws Exception {
    Path file = cluster.writeJobFile("durable.cmd", """
        #!/bin/sh
        # @ output = durable.$(jobid).out
        # @ queue
        echo ran
        """);
    List<String> jobs = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      jobs.add(cluster.submit(file));
    }
    ProcessHandle schedd = cluster.daemon("org.openll.schedd.ScheddMain").orElseThrow();

    schedd.destroyForcibly();
    Conditions.await("the schedd to die", Duration.ofSeconds(10), () -> !schedd.isAlive());

    for (String jobId : jobs) {
      List<JsonObject> steps = Steps.awaitFinished(cluster, jobId, 1, DEADLINE);
      assertEquals("STEP_STATE_COMPLETED", Steps.state(steps.get(0)), jobId);
      String number = jobId.substring(jobId.lastIndexOf('.') + 1);
      assertEquals("ran\n", Files.readString(cluster.workDir().resolve("durable." + number + ".out")));
    }
  }

  @Test
  void llctlStatus_showsEveryDaemonUp_andHowEachStartdContainsSteps() {
    CommandResult status = cluster.run("llctl", "status").requireSuccess();

    List<String> lines = status.out().lines().toList();
    assertEquals(1 + 2 + 4, lines.size(), status.out());
    assertTrue(lines.stream().skip(1).allMatch(l -> l.matches("\\S+ +127\\.0\\.0\\.1:\\d+ +up.*")), status.out());
    assertEquals(4, lines.stream().filter(l -> l.matches("startd-.* containment (cgroup-v2|cgroup-v1|proc)")).count(),
        status.out());
  }

  @Test
  void unknownJobId_llqAndLlcancelSayNotFound() {
    CommandResult llq = cluster.run("llq", "-j", "999999");
    CommandResult llcancel = cluster.run("llcancel", "999999.0");

    assertEquals(1, llq.exitCode());
    assertTrue(llq.err().contains("999999"), llq.err());
    assertEquals(1, llcancel.exitCode());
    assertTrue(llcancel.err().contains("999999"), llcancel.err());
  }

  @Test
  void brokenJobFile_isRefusedWithFileAndLine_andNothingIsQueued() {
    Path file = cluster.writeJobFile("broken.cmd", """
        # @ executable = /bin/true
        # @ no_such_keyword = 1
        # @ queue
        """);

    CommandResult result = cluster.run("llsubmit", file.toString());

    assertEquals(1, result.exitCode());
    assertTrue(result.err().contains(file + ":2:"), result.err());
    assertFalse(result.out().contains("has been submitted"), result.out());
  }

  private static long processesWith(String marker) {
    return ProcessHandle.allProcesses()
        .filter(p -> String.join(" ", TestCluster.commandLine(p)).contains(marker))
        .count();
  }
}
