package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openll.schedd.queue.JobQueueTest.ADDRESS;
import static org.openll.schedd.queue.JobQueueTest.HOST;
import static org.openll.schedd.queue.JobQueueTest.job;
import static org.openll.schedd.queue.JobQueueTest.step;
import static org.openll.schedd.queue.JobQueueTest.update;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.Permit;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StepStatus;
import org.openll.common.admin.AdminConfig;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;
import org.openll.common.time.FakeClock;
import org.openll.schedd.config.AdminInputs;
import org.openll.schedd.store.InMemoryJobStore;

/** A claim passes from a step that completed to the next Idle step of the same owner and shape. */
class JobQueueClaimReuseTest {
  private static final Duration WORKLIFE = Duration.ofSeconds(5);

  private final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final InMemoryJobStore store = new InMemoryJobStore();
  private final RecordingNegotiator negotiator = new RecordingNegotiator();
  private final FakeStartdClient startds = new FakeStartdClient();
  private JobQueue queue;

  @BeforeEach
  void setUp() {
    queue = newQueue(WORKLIFE);
    queue.recover();
  }

  private JobQueue newQueue(Duration worklife) {
    return new JobQueue(store, negotiator, startds, new JobQueueTest.FixedEndpoint(HOST, ADDRESS), clock, clock.scheduler(),
        AdminInputs.of(AdminConfig.empty(), SchedulingConfig.defaults()), Duration.ofSeconds(1),
        Duration.ofSeconds(30), worklife);
  }

  private Permit permit(String stepId) {
    return JobQueueTest.permit(stepId).toBuilder()
        .setIssued(Timestamp.newBuilder().setSeconds(clock.instant().getEpochSecond())).build();
  }

  /** Permits {@code id}, lets its startd accept it, then completes it there. */
  private void runToCompletion(String id) {
    queue.onPermit(permit(id));
    startds.starts.get(startds.starts.size() - 1).answer().complete(null);
    negotiator.clear();
    queue.onUpdates("m1", List.of(update(id, StepState.RUNNING), update(id, StepState.COMPLETED)));
  }

  private StepStatus statusOf(String id) {
    return queue.query(List.of(id), Set.of(), true).get(0);
  }

  private StepState stateOf(String id) {
    return StepStateProtos.fromProto(statusOf(id).getState());
  }

  @Test
  void completed_nextIdleStepOfSameOwnerAndShape_startsOnTheSameClaim() {
    List<String> ids = queue.submit(job(step("a"), step("b"), step("c")), "alice").stepIds();

    runToCompletion(ids.get(0));

    assertEquals(StepState.COMPLETED, stateOf(ids.get(0)));
    assertEquals(StepState.PENDING, stateOf(ids.get(1)));
    assertEquals(StepState.IDLE, stateOf(ids.get(2)));
    assertEquals("m1", statusOf(ids.get(1)).getMachine());
    assertTrue(statusOf(ids.get(1)).getHistory(statusOf(ids.get(1)).getHistoryCount() - 1).getMessage()
        .contains("claim of " + ids.get(0) + " on m1 reused"));
    StartStepRequest start = startds.starts.get(startds.starts.size() - 1).request();
    assertEquals(permit(ids.get(0)).toBuilder().setStepId(ids.get(1)).build(), start.getPermit());
    assertEquals(ids.get(0), start.getFollowsStepId());
    assertEquals(ids.get(1), start.getLaunch().getStepId());
    assertEquals(List.of("handover:" + ids.get(0) + ">" + ids.get(1)), negotiator.events());
    assertEquals(start.getPermit(), store.loadPermits().get(ids.get(1)), "the permit is durable with the step");
    assertEquals(1, queue.counts().claimsReused());
  }

  @Test
  void completed_chainOfSteps_eachFollowsTheLast_untilNoneIsLeft() {
    List<String> ids = queue.submit(job(step("a"), step("b")), "alice").stepIds();
    runToCompletion(ids.get(0));
    startds.starts.get(startds.starts.size() - 1).answer().complete(null);
    negotiator.clear();

    queue.onUpdates("m1", List.of(update(ids.get(1), StepState.RUNNING), update(ids.get(1), StepState.COMPLETED)));

    assertEquals(StepState.COMPLETED, stateOf(ids.get(1)));
    assertEquals(List.of("release:" + ids.get(1)), negotiator.events(), "no step left: the claim goes back");
  }

  @Test
  void completed_higherUserPriorityFirst() {
    String first = queue.submit(job(step("a")), "alice").stepIds().get(0);
    String low = queue.submit(job(step("b").setUserPriority(10)), "alice").stepIds().get(0);
    String high = queue.submit(job(step("c").setUserPriority(90)), "alice").stepIds().get(0);

    runToCompletion(first);

    assertEquals(StepState.PENDING, stateOf(high));
    assertEquals(StepState.IDLE, stateOf(low));
  }

  @Test
  void completed_onlyStepsOfAnotherOwnerOrShapeIdle_claimReleased() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    String bobs = queue.submit(job(step("a")), "bob").stepIds().get(0);
    String bigger = queue.submit(job(step("b").setCpus(2)), "alice").stepIds().get(0);
    String elsewhere = queue.submit(job(step("c").setRequirements("(Machine == \"m2\")")), "alice").stepIds().get(0);

    runToCompletion(id);

    assertEquals(List.of("release:" + id), negotiator.events());
    for (String idle : List.of(bobs, bigger, elsewhere)) {
      assertEquals(StepState.IDLE, stateOf(idle), idle);
    }
  }

  @Test
  void completed_claimOlderThanItsWorklife_released() {
    List<String> ids = queue.submit(job(step("a"), step("b")), "alice").stepIds();
    queue.onPermit(permit(ids.get(0)));
    startds.starts.get(0).answer().complete(null);
    clock.advance(WORKLIFE);
    negotiator.clear();

    queue.onUpdates("m1", List.of(update(ids.get(0), StepState.COMPLETED)));

    assertEquals(List.of("release:" + ids.get(0)), negotiator.events());
    assertEquals(StepState.IDLE, stateOf(ids.get(1)));
  }

  @Test
  void removed_stepDidNotComplete_claimReleased() {
    List<String> ids = queue.submit(job(step("a"), step("b")), "alice").stepIds();
    queue.onPermit(permit(ids.get(0)));
    startds.starts.get(0).answer().complete(null);
    queue.cancel(List.of(ids.get(0)), "alice");
    negotiator.clear();

    queue.onUpdates("m1", List.of(update(ids.get(0), StepState.COMPLETED)));

    assertEquals(StepState.REMOVED, stateOf(ids.get(0)));
    assertEquals(List.of("release:" + ids.get(0)), negotiator.events());
    assertEquals(StepState.IDLE, stateOf(ids.get(1)));
  }

  @Test
  void heldStep_isNotTaken() {
    List<String> ids = queue.submit(job(step("a"), step("b"), step("c")), "alice").stepIds();
    queue.hold(List.of(ids.get(1)), org.openll.api.v1.HoldType.HOLD_TYPE_USER, "alice");

    runToCompletion(ids.get(0));

    assertEquals(StepState.HOLD, stateOf(ids.get(1)));
    assertEquals(StepState.PENDING, stateOf(ids.get(2)));
  }

  @Test
  void restartedSchedd_reusesClaimsForTheStepsItLoaded() {
    List<String> ids = queue.submit(job(step("a"), step("b")), "alice").stepIds();
    queue.onPermit(permit(ids.get(0)));
    startds.starts.get(0).answer().complete(null);
    queue = newQueue(WORKLIFE);
    queue.recover();
    negotiator.clear();

    queue.onUpdates("m1", List.of(update(ids.get(0), StepState.COMPLETED)));

    assertEquals(StepState.PENDING, stateOf(ids.get(1)));
    assertEquals(List.of("handover:" + ids.get(0) + ">" + ids.get(1)), negotiator.events());
  }

  @Test
  void worklifeZero_neverReused() {
    queue = newQueue(Duration.ZERO);
    queue.recover();
    List<String> ids = queue.submit(job(step("a"), step("b")), "alice").stepIds();

    runToCompletion(ids.get(0));

    assertEquals(List.of("release:" + ids.get(0)), negotiator.events());
    assertEquals(StepState.IDLE, stateOf(ids.get(1)));
  }
}
