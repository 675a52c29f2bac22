package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openll.schedd.queue.JobQueueTest.expect;
import static org.openll.schedd.queue.JobQueueTest.job;
import static org.openll.schedd.queue.JobQueueTest.permit;
import static org.openll.schedd.queue.JobQueueTest.step;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.MachineAllocation;
import org.openll.api.v1.Permit;
import org.openll.api.v1.StateChange;
import org.openll.api.v1.StepStatus;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.ClassStanza;
import org.openll.common.admin.UserStanza;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.config.SchedulingConfig.RejectAction;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;
import org.openll.common.time.FakeClock;
import org.openll.schedd.config.AdminInputs;
import org.openll.schedd.store.InMemoryJobStore;

/** The queue under LoadL_admin and the scheduling keywords: class rules, maxqueued, maxidle, llprio, rejections. */
class JobQueueSchedulingTest {
  final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
  final InMemoryJobStore store = new InMemoryJobStore();
  final RecordingNegotiator negotiator = new RecordingNegotiator();
  final FakeStartdClient startds = new FakeStartdClient();
  AdminConfig admin = AdminConfig.empty();
  SchedulingConfig scheduling = Admin.scheduling(-1, RejectAction.HOLD, "root");
  JobQueue queue;

  @BeforeEach
  void setUp() {
    restart();
  }

  void restart() {
    AdminInputs inputs = new AdminInputs() {
      @Override
      public AdminConfig admin() {
        return admin;
      }

      @Override
      public SchedulingConfig scheduling() {
        return scheduling;
      }
    };
    queue = new JobQueue(store, negotiator, startds, new JobQueueTest.FixedEndpoint("node1", "127.0.0.1:7000"), clock,
        clock.scheduler(), inputs, Duration.ofSeconds(1), Duration.ofSeconds(30));
    queue.recover();
  }

  static UserStanza user(String name, int maxIdle, int maxQueued) {
    return new UserStanza(name, 0, List.of(), AdminConfig.NO_GROUP, -1, maxIdle, maxQueued, -1, -1, 0);
  }

  StepStatus statusOf(String id) {
    return queue.query(List.of(id), Set.of(), true).get(0);
  }

  StepState stateOf(String id) {
    return StepStateProtos.fromProto(statusOf(id).getState());
  }

  String submit(String owner) {
    return queue.submit(job(step("a")), owner).stepIds().get(0);
  }

  @Test
  void submit_classTheUserMayNotUse_refusedAndNothingStored() {
    ClassStanza lng = new ClassStanza("long", 0, Set.of("alice"), Set.of(), Set.of(), Set.of(), -1, -1, -1, -1,
        org.openll.api.v1.StepLimits.getDefaultInstance(), org.openll.api.v1.StepLimits.getDefaultInstance(),
        List.of(), "", java.util.Map.of());
    admin = Admin.config(List.of(lng), List.of(), List.of());

    OpenllException e = expect(ErrorCode.PERMISSION_DENIED, () -> queue.submit(job(step("a").setJobClass("long")), "bob"));

    assertEquals("step 0: class long: user bob is not in include_users of class long", e.getMessage());
    assertTrue(queue.query(List.of(), Set.of(), true).isEmpty());
    assertEquals("node1.1", queue.submit(job(step("a").setJobClass("long")), "alice").jobId());
  }

  @Test
  void submit_beyondMaxqueued_resourceExhaustedWithTheCount() {
    admin = Admin.config(List.of(), List.of(user("bob", -1, 2)), List.of());
    submit("bob");
    submit("bob");

    OpenllException e = expect(ErrorCode.RESOURCE_EXHAUSTED, () -> submit("bob"));

    assertEquals("step 0: user bob has 2 queued steps, maxqueued = 2", e.getMessage());
    submit("alice");
  }

  @Test
  void submit_beyondMaxidle_notQueuedUntilAnIdleStepIsPermitted() {
    admin = Admin.config(List.of(), List.of(user("bob", 1, -1)), List.of());
    String first = submit("bob");
    String second = submit("bob");

    assertEquals(StepState.NOT_QUEUED, stateOf(second));
    assertEquals(StepState.NOT_QUEUED, store.get(second).orElseThrow().state());
    assertEquals(List.of("idle:" + first), negotiator.events());
    negotiator.clear();

    queue.onPermit(permit(first));

    assertEquals(StepState.IDLE, stateOf(second));
    assertEquals(List.of("idle:" + second), negotiator.events());
  }

  @Test
  void maxidle_waitingStep_promotedAfterARestartWhenTheLimitIsRaised() {
    admin = Admin.config(List.of(), List.of(user("bob", 1, -1)), List.of());
    submit("bob");
    String second = submit("bob");
    admin = AdminConfig.empty();

    restart();

    assertEquals(StepState.IDLE, stateOf(second));
  }

  @Test
  void setUserPriority_byTheOwner_clampedCommittedAndOfferedAgain() {
    String id = submit("bob");
    negotiator.clear();

    assertEquals(List.of(id), queue.setUserPriority(List.of(id), "bob", OptionalInt.empty(), 70));

    assertEquals(100, statusOf(id).getSpec().getUserPriority());
    assertEquals(100, store.get(id).orElseThrow().status().getSpec().getUserPriority());
    assertEquals(List.of("withdraw:" + id, "idle:" + id), negotiator.events());
  }

  @Test
  void setUserPriority_someoneElsesStep_permissionDeniedUnlessAdministrator() {
    String id = submit("bob");

    OpenllException e = expect(ErrorCode.PERMISSION_DENIED,
        () -> queue.setUserPriority(List.of(id), "eve", OptionalInt.of(10), 0));
    assertTrue(e.getMessage().startsWith("step " + id + " belongs to bob"), e.getMessage());

    queue.setUserPriority(List.of(id), "root", OptionalInt.of(10), 0);
    assertEquals(10, statusOf(id).getSpec().getUserPriority());
  }

  @Test
  void cancelAndHold_someoneElsesStep_permissionDenied() {
    String id = submit("bob");

    expect(ErrorCode.PERMISSION_DENIED, () -> queue.cancel(List.of(id), "eve"));
    expect(ErrorCode.PERMISSION_DENIED, () -> queue.hold(List.of(id), HoldType.HOLD_TYPE_USER, "eve"));
    expect(ErrorCode.PERMISSION_DENIED, () -> queue.hold(List.of(id), HoldType.HOLD_TYPE_SYSTEM, "bob"));
    assertEquals(StepState.IDLE, stateOf(id));

    queue.hold(List.of(id), HoldType.HOLD_TYPE_SYSTEM, "root");
    assertEquals(StepState.HOLD, stateOf(id));
  }

  @Test
  void startRefused_rejectPendingRejectedIdleWithTheCountAndReason() {
    String id = submit("bob");
    queue.onPermit(permit(id));
    negotiator.clear();

    startds.starts.get(0).answer().completeExceptionally(
        Status.FAILED_PRECONDITION.withDescription("machine draining").asRuntimeException());

    StepStatus s = statusOf(id);
    assertEquals(StepState.IDLE, stateOf(id));
    assertEquals(1, s.getRejectCount());
    List<org.openll.api.v1.StepState> states = s.getHistoryList().stream().map(StateChange::getState).toList();
    assertEquals(List.of(org.openll.api.v1.StepState.STEP_STATE_REJECT_PENDING,
        org.openll.api.v1.StepState.STEP_STATE_REJECTED, org.openll.api.v1.StepState.STEP_STATE_IDLE),
        states.subList(states.size() - 3, states.size()));
    assertEquals("StartStep on m1 failed: FAILED_PRECONDITION: machine draining",
        s.getHistory(s.getHistoryCount() - 2).getMessage());
    assertEquals(List.of("release:" + id, "idle:" + id), negotiator.events());
  }

  @Test
  void startRefused_maxJobRejectWithCancel_removed() {
    scheduling = Admin.scheduling(2, RejectAction.CANCEL);
    String id = submit("bob");
    for (int i = 0; i < 2; i++) {
      queue.onPermit(permit(id));
      startds.starts.get(i).answer().completeExceptionally(Status.RESOURCE_EXHAUSTED.asRuntimeException());
    }

    StepStatus s = statusOf(id);
    assertEquals(StepState.REMOVED, stateOf(id));
    assertEquals(2, s.getRejectCount());
    assertEquals("cancelled: rejected 2 times, MAX_JOB_REJECT = 2", s.getResult().getMessage());
  }

  @Test
  void startRefused_maxJobRejectWithHold_userHold() {
    scheduling = Admin.scheduling(1, RejectAction.HOLD);
    String id = submit("bob");
    queue.onPermit(permit(id));
    startds.starts.get(0).answer().completeExceptionally(Status.RESOURCE_EXHAUSTED.asRuntimeException());

    assertEquals(StepState.HOLD, stateOf(id));
    assertEquals(HoldType.HOLD_TYPE_USER, statusOf(id).getHoldType());
  }

  @Test
  void parallelPermit_startOnTheFirstMachineWithEveryHostAllocated() {
    String id = submit("bob");
    Permit permit = permit(id).toBuilder()
        .addAllocation(MachineAllocation.newBuilder().setMachine("m1").setStartdAddress("127.0.0.1:9000").setTasks(2))
        .addAllocation(MachineAllocation.newBuilder().setMachine("m2").setStartdAddress("127.0.0.1:9001").setTasks(2))
        .build();

    queue.onPermit(permit);

    assertEquals("127.0.0.1:9000", startds.starts.get(0).address());
    assertEquals(permit, startds.starts.get(0).request().getPermit());
    assertEquals("m1", statusOf(id).getMachine());
    assertEquals(List.of("m1", "m2"), statusOf(id).getAllocatedHostsList());
  }

  @Test
  void sessionSnapshot_afterARestart_dispatchedStepsWithTheirAllocationAndIdleOnes() {
    String running = submit("bob");
    String idle = submit("bob");
    queue.onPermit(permit(running));
    startds.starts.get(0).answer().complete(null);
    assertEquals(StepState.STARTING, stateOf(running));

    restart();
    JobQueue.SessionSnapshot snapshot = queue.sessionSnapshot();

    assertEquals(1, snapshot.dispatched().size());
    assertEquals(running, snapshot.dispatched().get(0).getStep().getStepId());
    assertEquals("m1", snapshot.dispatched().get(0).getAllocation(0).getMachine());
    assertTrue(snapshot.dispatched().get(0).hasDispatchTime());
    assertEquals(List.of(idle), snapshot.idle().stream().map(s -> s.getStepId()).toList());
  }

  @Test
  void vacateMachine_secondMachineOfAParallelStepLost_requeuedAndKilledOnBoth() {
    String id = submit("bob");
    queue.onPermit(permit(id).toBuilder()
        .addAllocation(MachineAllocation.newBuilder().setMachine("m1").setStartdAddress("127.0.0.1:9000").setTasks(2))
        .addAllocation(MachineAllocation.newBuilder().setMachine("m2").setStartdAddress("127.0.0.1:9001").setTasks(2))
        .build());
    startds.starts.get(0).answer().complete(null);

    queue.vacateMachine("m2", "machine m2 did not report for 1s");

    assertEquals(StepState.IDLE, stateOf(id));
    assertEquals(0, statusOf(id).getAllocatedHostsCount());
    assertEquals(List.of("m2@127.0.0.1:9001", "m1@127.0.0.1:9000"),
        startds.cancels.stream().map(FakeStartdClient.Call::address).toList());
  }

  @Test
  void reconfigured_maxidleLowered_excessIdleWithdrawnAndNotQueued() {
    String first = submit("bob");
    String second = submit("bob");
    negotiator.clear();
    admin = Admin.config(List.of(), List.of(user("bob", 1, -1)), List.of());

    queue.reconfigured();

    assertEquals(StepState.IDLE, stateOf(first));
    assertEquals(StepState.NOT_QUEUED, stateOf(second));
    assertEquals(List.of("withdraw:" + second), negotiator.events());
  }

  @Test
  void startdReportsRejected_countedAndRequeued() {
    String id = submit("bob");
    queue.onPermit(permit(id));
    startds.starts.get(0).answer().complete(null);

    queue.onUpdates("m1", List.of(JobQueueTest.update(id, StepState.REJECTED)));

    assertEquals(StepState.IDLE, stateOf(id));
    assertEquals(1, statusOf(id).getRejectCount());
    assertEquals(0, queue.sessionSnapshot().dispatched().size());
  }
}
