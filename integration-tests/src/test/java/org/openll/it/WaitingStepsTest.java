package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.SubmitJobRequest;

/**
 * Dependencies, holds and startdates on a personal cluster of real daemons. Most tests submit typed
 * StepSpec fields over gRPC (as a client in another language would); the last one goes through
 * llsubmit and runs only once the job command file parser fills those fields.
 */
class WaitingStepsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String OWNER = System.getProperty("user.name");

  @TempDir static Path root;
  static TestCluster cluster;
  static ScheddClient schedd;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(root, 2, 2);
    schedd = new ScheddClient(cluster);
  }

  @AfterAll
  static void stopCluster() {
    if (schedd != null) {
      schedd.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static StepSpec.Builder step(String name, String script) {
    return ScheddClient.shellStep(cluster.workDir(), name, script);
  }

  @Test
  void dependency_stepOneSucceeds_twoRunsThreeNotRun() {
    String jobId = schedd.submit(OWNER, List.of(step("one", "exit 0"),
        step("two", "exit 4").setDependency("one == 0"), step("three", "exit 0").setDependency("one != 0")));

    List<JsonObject> steps = Steps.awaitFinished(cluster, jobId, 3, DEADLINE);

    assertEquals("STEP_STATE_COMPLETED", Steps.state(steps.get(0)));
    assertEquals("STEP_STATE_COMPLETED", Steps.state(steps.get(1)));
    assertEquals(4, Steps.exitCode(steps.get(1)));
    assertEquals("STEP_STATE_NOT_RUN", Steps.state(steps.get(2)));
    assertEquals(1002, Steps.exitCode(steps.get(2)));
    assertTrue(steps.get(2).has("completion_time"), steps.get(2).toString());
  }

  @Test
  void dependency_onCancelledStep_seesCcRemoved() {
    String jobId = schedd.submit(OWNER, List.of(step("one", "exit 0").setHold(HoldType.HOLD_TYPE_USER),
        step("two", "exit 0").setDependency("one == CC_REMOVED")));
    assertEquals("STEP_STATE_NOT_QUEUED", Steps.state(Steps.query(cluster, jobId + ".1").get(0)));

    cluster.run("llcancel", jobId + ".0").requireSuccess();

    List<JsonObject> steps = Steps.awaitFinished(cluster, jobId, 2, DEADLINE);
    assertEquals("STEP_STATE_REMOVED", Steps.state(steps.get(0)));
    assertEquals("STEP_STATE_COMPLETED", Steps.state(steps.get(1)));
  }

  @Test
  void holdUser_shownAsH_llholdReleaseRunsIt() {
    String jobId = schedd.submit(OWNER, List.of(step("held", "exit 0").setHold(HoldType.HOLD_TYPE_USER)));
    String row = cluster.run("llq", jobId).requireSuccess().out().lines().skip(2).findFirst().orElseThrow();
    assertEquals("H", row.substring(48, 50).strip(), row);
    assertTrue(cluster.run("llq", "-l", jobId).out().contains("             Status: User Hold\n"));

    cluster.run("llhold", "-r", jobId).requireSuccess();

    List<JsonObject> steps = Steps.awaitFinished(cluster, jobId, 1, DEADLINE);
    assertEquals("STEP_STATE_COMPLETED", Steps.state(steps.get(0)));
  }

  @Test
  void startdateThreeSecondsAhead_deferredThenCompleted() {
    Instant startdate = Instant.now().plusSeconds(3);
    String jobId = schedd.submit(OWNER, List.of(step("later", "exit 0")
        .setStartdate(Timestamp.newBuilder().setSeconds(startdate.getEpochSecond()).setNanos(startdate.getNano()))));
    assertEquals("STEP_STATE_DEFERRED", Steps.state(Steps.query(cluster, jobId).get(0)));

    List<JsonObject> steps = Steps.awaitFinished(cluster, jobId, 1, DEADLINE);

    assertEquals("STEP_STATE_COMPLETED", Steps.state(steps.get(0)));
    Instant dispatched = Instant.parse(steps.get(0).get("dispatch_time").getAsString());
    assertTrue(!dispatched.isBefore(startdate), "dispatched " + dispatched + " before " + startdate);
  }

  @Test
  void malformedRequest_invalidArgumentNamingTheField() {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> schedd.stub().submitJob(
        SubmitJobRequest.newBuilder().setOwner(OWNER).setJob(JobSpec.newBuilder().setJobFileName("x")
            .addSteps(step("a", "exit 0").setJobTypeValue(77))).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("steps[0] (a).job_type: unknown value 77", e.getStatus().getDescription());

    e = assertThrows(StatusRuntimeException.class, () -> schedd.stub().submitJob(
        SubmitJobRequest.newBuilder().setOwner(OWNER).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
  }

  /** The same paths as above, from a job command file through llsubmit. */
  @Test
  void jobFile_dependencyAndHold_throughLlsubmit() {
    Path file = cluster.writeJobFile("deps.cmd", """
        # @ job_name = deps
        # @ executable = /bin/sh
        # @ output = deps.$(stepid).out
        # @ error = deps.$(stepid).err
        # @ step_name = first
        # @ arguments = -c "exit 1"
        # @ queue
        # @ step_name = ok
        # @ dependency = (first == 0)
        # @ arguments = -c "exit 0"
        # @ queue
        # @ step_name = recover
        # @ dependency = (first != 0) && (ok == CC_NOTRUN)
        # @ hold = user
        # @ queue
        """);
    String jobId = cluster.submit(file);
    Conditions.await("recover held", DEADLINE,
        () -> Steps.query(cluster, jobId + ".2").stream().anyMatch(s -> Steps.state(s).equals("STEP_STATE_HOLD")));
    cluster.run("llhold", "-r", jobId + ".2").requireSuccess();

    List<JsonObject> steps = Steps.awaitFinished(cluster, jobId, 3, DEADLINE);
    assertEquals(1, Steps.exitCode(steps.get(0)));
    assertEquals("STEP_STATE_NOT_RUN", Steps.state(steps.get(1)));
    assertEquals("STEP_STATE_COMPLETED", Steps.state(steps.get(2)));
  }
}
