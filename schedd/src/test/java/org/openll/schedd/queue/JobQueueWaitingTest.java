package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openll.schedd.queue.JobQueueTest.job;
import static org.openll.schedd.queue.JobQueueTest.permit;
import static org.openll.schedd.queue.JobQueueTest.step;
import static org.openll.schedd.queue.JobQueueTest.update;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openll.common.admin.AdminConfig;
import org.openll.common.config.SchedulingConfig;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.StepResult;
import org.openll.api.v1.StepStatus;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;
import org.openll.common.jcf.Dependency;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;
import org.openll.common.time.FakeClock;
import org.openll.schedd.store.InMemoryJobStore;

/** The waiting states of the queue: Hold, Deferred, Not Queued, and Not Run. */
class JobQueueWaitingTest {
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  final FakeClock clock = new FakeClock(START);
  final InMemoryJobStore store = new InMemoryJobStore();
  final RecordingNegotiator negotiator = new RecordingNegotiator();
  final FakeStartdClient startds = new FakeStartdClient();
  JobQueue queue;

  @BeforeEach
  void setUp() {
    queue = newQueue(clock);
    queue.recover();
  }

  JobQueue newQueue(FakeClock c) {
    return new JobQueue(store, negotiator, startds, new JobQueueTest.FixedEndpoint(JobQueueTest.HOST, JobQueueTest.ADDRESS),
        c, c.scheduler(), Admin.inputs(AdminConfig.empty(),
            Admin.scheduling(5, SchedulingConfig.RejectAction.SYSHOLD, "admin")),
        Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  StepStatus statusOf(String stepId) {
    return queue.query(List.of(stepId), Set.of(), true).get(0);
  }

  StepState stateOf(String stepId) {
    return StepStateProtos.fromProto(statusOf(stepId).getState());
  }

  /** Runs {@code stepId} to Completed with {@code exitCode} (or killed by {@code signal}). */
  void complete(String stepId, int exitCode, int signal) {
    queue.onPermit(permit(stepId));
    startds.starts.get(startds.starts.size() - 1).answer().complete(null);
    queue.onUpdates("m1", List.of(update(stepId, StepState.COMPLETED).toBuilder()
        .setResult(StepResult.newBuilder().setLaunched(true).setExitCode(exitCode).setSignal(signal)).build()));
  }

  static Timestamp at(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).build();
  }

  @Test
  void dependency_firstStepExitsZero_secondIdleThirdNotRun() {
    queue.submit(job(step("a"), step("b").setDependency("a == 0"), step("c").setDependency("a != 0")), "alice");
    assertEquals(StepState.NOT_QUEUED, stateOf("node1.1.1"));
    assertEquals(StepState.NOT_QUEUED, stateOf("node1.1.2"));
    assertEquals(List.of("idle:node1.1.0"), negotiator.events());
    negotiator.clear();

    complete("node1.1.0", 0, 0);

    assertEquals(StepState.IDLE, stateOf("node1.1.1"));
    assertTrue(negotiator.events().contains("idle:node1.1.1"), negotiator.events().toString());
    StepStatus notRun = statusOf("node1.1.2");
    assertEquals(StepState.NOT_RUN, StepStateProtos.fromProto(notRun.getState()));
    assertEquals(Dependency.CC_NOTRUN, notRun.getResult().getExitCode());
    assertTrue(notRun.hasCompletionTime());
    assertEquals(StepState.NOT_RUN, store.get("node1.1.2").orElseThrow().state());
  }

  @Test
  void dependency_onCancelledStep_seesCcRemoved() {
    queue.submit(job(step("a"), step("b").setDependency("a == CC_REMOVED")), "alice");

    queue.cancel(List.of("node1.1.0"), "alice");

    assertEquals(StepState.IDLE, stateOf("node1.1.1"));
  }

  @Test
  void dependency_notRunStep_seenAsCcNotrunByLaterSteps() {
    queue.submit(job(step("a"), step("b").setDependency("a != 0"), step("c").setDependency("b == CC_NOTRUN")), "alice");

    complete("node1.1.0", 0, 0);

    assertEquals(StepState.NOT_RUN, stateOf("node1.1.1"));
    assertEquals(StepState.IDLE, stateOf("node1.1.2"));
  }

  @Test
  void dependency_stepKilledBySignal_seenAs128PlusSignal() {
    queue.submit(job(step("a"), step("b").setDependency("a == 137")), "alice");

    complete("node1.1.0", 0, 9);

    assertEquals(StepState.IDLE, stateOf("node1.1.1"));
  }

  @Test
  void hold_userAtSubmit_heldUntilReleased() {
    queue.submit(job(step("a").setHold(HoldType.HOLD_TYPE_USER)), "alice");
    assertEquals(StepState.HOLD, stateOf("node1.1.0"));
    assertEquals(HoldType.HOLD_TYPE_USER, statusOf("node1.1.0").getHoldType());
    assertTrue(negotiator.events().isEmpty());

    assertEquals(List.of("node1.1.0"), queue.release(List.of("node1.1"), HoldType.HOLD_TYPE_USER, "alice"));

    assertEquals(StepState.IDLE, stateOf("node1.1.0"));
    assertEquals(HoldType.HOLD_TYPE_NONE, statusOf("node1.1.0").getHoldType());
    assertEquals(List.of("idle:node1.1.0"), negotiator.events());
  }

  @Test
  void release_userFromUserAndSystemHold_staysSystemHeld() {
    queue.submit(job(step("a").setHold(HoldType.HOLD_TYPE_USERSYS)), "alice");

    queue.release(List.of("1"), HoldType.HOLD_TYPE_USER, "alice");
    assertEquals(StepState.HOLD, stateOf("node1.1.0"));
    assertEquals(HoldType.HOLD_TYPE_SYSTEM, statusOf("node1.1.0").getHoldType());

    queue.release(List.of("1"), HoldType.HOLD_TYPE_SYSTEM, "admin");
    assertEquals(StepState.IDLE, stateOf("node1.1.0"));
  }

  @Test
  void hold_idleStep_heldAndWithdrawn_runningStepUnaffected() {
    queue.submit(job(step("a"), step("b")), "alice");
    queue.onPermit(permit("node1.1.1"));
    negotiator.clear();

    assertEquals(List.of("node1.1.0"), queue.hold(List.of("1"), HoldType.HOLD_TYPE_USER, "alice"));

    assertEquals(StepState.HOLD, stateOf("node1.1.0"));
    assertEquals(StepState.PENDING, stateOf("node1.1.1"));
    assertEquals(List.of("withdraw:node1.1.0"), negotiator.events());
    assertEquals(StepState.HOLD, store.get("node1.1.0").orElseThrow().state());
  }

  @Test
  void hold_unknownIdOrNoType_refused() {
    OpenllException e = assertThrows(OpenllException.class,
        () -> queue.hold(List.of("9"), HoldType.HOLD_TYPE_USER, "alice"));
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    queue.submit(job(step("a")), "alice");
    e = assertThrows(OpenllException.class, () -> queue.hold(List.of("1"), HoldType.HOLD_TYPE_NONE, "alice"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
  }

  @Test
  void release_heldStepWithFalseDependency_notRun() {
    queue.submit(job(step("a"), step("b").setDependency("a == 0").setHold(HoldType.HOLD_TYPE_USER)), "alice");
    complete("node1.1.0", 3, 0);
    assertEquals(StepState.HOLD, stateOf("node1.1.1"));

    queue.release(List.of("node1.1.1"), HoldType.HOLD_TYPE_USER, "alice");

    assertEquals(StepState.NOT_RUN, stateOf("node1.1.1"));
  }

  @Test
  void startdate_future_deferredThenIdleWhenItComes() {
    queue.submit(job(step("a").setStartdate(at(START.plusSeconds(60)))), "alice");
    assertEquals(StepState.DEFERRED, stateOf("node1.1.0"));
    assertTrue(negotiator.events().isEmpty());

    clock.advance(Duration.ofSeconds(59));
    assertEquals(StepState.DEFERRED, stateOf("node1.1.0"));
    clock.advance(Duration.ofSeconds(2));

    assertEquals(StepState.IDLE, stateOf("node1.1.0"));
    assertEquals(List.of("idle:node1.1.0"), negotiator.events());
  }

  @Test
  void startdate_reachedWhileTheDiskIsFull_idleOnceItHasRoomAgain() {
    queue.submit(job(step("a").setStartdate(at(START.plusSeconds(60)))), "alice");
    store.diskFull();

    clock.advance(Duration.ofSeconds(61));
    assertEquals(StepState.DEFERRED, stateOf("node1.1.0"));
    store.diskFreed();
    clock.advance(Duration.ofSeconds(1));

    assertEquals(StepState.IDLE, stateOf("node1.1.0"));
    assertEquals(StepState.IDLE, store.get("node1.1.0").orElseThrow().state());
  }

  @Test
  void startdate_past_idleAtOnce() {
    queue.submit(job(step("a").setStartdate(at(START.minusSeconds(60)))), "alice");

    assertEquals(StepState.IDLE, stateOf("node1.1.0"));
  }

  @Test
  void recover_deferredStep_timerSetAgain() {
    queue.submit(job(step("a").setStartdate(at(START.plusSeconds(60)))), "alice");
    FakeClock restarted = new FakeClock(START.plusSeconds(10));
    queue = newQueue(restarted);
    queue.recover();
    assertEquals(StepState.DEFERRED, stateOf("node1.1.0"));

    restarted.advance(Duration.ofSeconds(51));

    assertEquals(StepState.IDLE, stateOf("node1.1.0"));
  }

  @Test
  void recover_notQueuedStepWhoseDependencyWasDecided_settled() {
    queue.submit(job(step("a"), step("b").setDependency("a == 0")), "alice");
    StepStatus a = store.get("node1.1.0").orElseThrow().status().toBuilder()
        .setState(StepStateProtos.toProto(StepState.COMPLETED))
        .setResult(StepResult.newBuilder().setLaunched(true).setExitCode(0)).build();
    store.put(store.get("node1.1.0").orElseThrow().with(a), 1);

    queue = newQueue(clock);
    queue.recover();

    assertEquals(StepState.IDLE, stateOf("node1.1.1"));
  }

  @Test
  void rejectLimit_heldWithSystemHold() {
    queue.submit(job(step("a")), "alice");
    for (int i = 0; i < 5; i++) {
      queue.onPermit(permit("node1.1.0"));
      startds.starts.get(startds.starts.size() - 1).answer().completeExceptionally(
          io.grpc.Status.INVALID_ARGUMENT.asRuntimeException());
    }

    assertEquals(StepState.HOLD, stateOf("node1.1.0"));
    assertEquals(HoldType.HOLD_TYPE_SYSTEM, statusOf("node1.1.0").getHoldType());
  }
}
