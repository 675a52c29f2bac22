package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.Permit;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StateChange;
import org.openll.api.v1.StepResult;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepStatus;
import org.openll.api.v1.StepUpdate;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;
import org.openll.common.time.FakeClock;
import org.openll.schedd.store.InMemoryJobStore;
import org.openll.schedd.store.StoredStep;

class JobQueueTest {
  static final String HOST = "node1";
  static final String ADDRESS = "127.0.0.1:7000";

  final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
  final InMemoryJobStore store = new InMemoryJobStore();
  final RecordingNegotiator negotiator = new RecordingNegotiator();
  final FakeStartdClient startds = new FakeStartdClient();
  JobQueue queue;

  @BeforeEach
  void setUp() {
    queue = newQueue();
    queue.recover();
  }

  JobQueue newQueue() {
    return new JobQueue(store, negotiator, startds, new FixedEndpoint(HOST, ADDRESS), clock, clock.scheduler(), 5);
  }

  static StepSpec.Builder step(String name) {
    return StepSpec.newBuilder().setStepName(name).setExecutable("/bin/true").setInput("/dev/null")
        .setOutput("/tmp/out").setError("/tmp/err").setInitialdir("/tmp").setJobClass("No_Class")
        .setCpus(1).setUserPriority(50);
  }

  static JobSpec job(StepSpec.Builder... steps) {
    JobSpec.Builder b = JobSpec.newBuilder().setJobFileName("/tmp/job.cmd").setSubmitHost("client").setSubmitDir("/tmp");
    for (StepSpec.Builder s : steps) {
      b.addSteps(s);
    }
    return b.build();
  }

  static Permit permit(String stepId) {
    return Permit.newBuilder().setStepId(stepId).setMachine("m1").setStartdAddress("127.0.0.1:9000")
        .setClaimSecret("s3cret").setCpus(1).build();
  }

  static StepUpdate update(String stepId, StepState state) {
    return StepUpdate.newBuilder().setStepId(stepId).setState(StepStateProtos.toProto(state))
        .setTime(Timestamp.newBuilder().setSeconds(1_735_689_700L)).build();
  }

  StepState stateOf(String stepId) {
    return queue.query(List.of(stepId), Set.of(), true).stream().findFirst()
        .map(s -> StepStateProtos.fromProto(s.getState())).orElseThrow();
  }

  StepStatus statusOf(String stepId) {
    return queue.query(List.of(stepId), Set.of(), true).get(0);
  }

  static OpenllException expect(ErrorCode code, Runnable action) {
    OpenllException e = assertThrows(OpenllException.class, action::run);
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  /** Submits one step, permits it and lets the startd accept it: the step is Starting. */
  String startedStep() {
    String id = queue.submit(job(step("s0")), "alice").stepIds().get(0);
    queue.onPermit(permit(id));
    startds.starts.get(startds.starts.size() - 1).answer().complete(null);
    return id;
  }

  @Test
  void submit_validJob_assignsIdsAndCommitsBeforeReturning() {
    SubmittedJob submitted = queue.submit(job(step("a"), step("b")), "alice");

    assertEquals("node1.1", submitted.jobId());
    assertEquals(List.of("node1.1.0", "node1.1.1"), submitted.stepIds());
    StoredStep stored = store.get("node1.1.1").orElseThrow();
    assertEquals(StepState.IDLE, stored.state());
    assertEquals("node1.1", stored.status().getJobName());
    assertEquals("alice", stored.owner());
    assertEquals(1, stored.status().getHistoryCount());
    assertEquals(1, store.commits());
    assertEquals(List.of("idle:node1.1.0", "idle:node1.1.1"), negotiator.events());
  }

  @Test
  void submit_secondJob_getsNextNumberAndItsOwnName() {
    queue.submit(job(step("a")), "alice");
    SubmittedJob second = queue.submit(job(step("a")).toBuilder().setJobName("mine").build(), "bob");

    assertEquals("node1.2", second.jobId());
    assertEquals("mine", statusOf("node1.2.0").getJobName());
  }

  @Test
  void submit_idVariables_expandedWithTheAssignedNumbers() {
    queue.submit(job(step("a")), "alice");
    SubmittedJob second = queue.submit(job(step("a"), step("b").setOutput("/tmp/$(jobid).$(stepid).out"))
        .toBuilder().setJobName("run$(jobid)").build(), "alice");

    StepStatus status = statusOf(second.stepIds().get(1));
    assertEquals("/tmp/2.1.out", status.getSpec().getOutput());
    assertEquals("run2", status.getJobName());
  }

  @Test
  void submit_relativeOutput_invalidArgumentNamingStepAndField() {
    OpenllException e = expect(ErrorCode.INVALID_ARGUMENT,
        () -> queue.submit(job(step("a"), step("b").setOutput("out.txt")), "alice"));

    assertEquals("steps[1] (b).output: must be an absolute path, got out.txt", e.getMessage());
    assertEquals(0, store.commits());
  }

  @Test
  void submit_badSpecs_invalidArgument() {
    expect(ErrorCode.INVALID_ARGUMENT, () -> queue.submit(job(), "alice"));
    expect(ErrorCode.INVALID_ARGUMENT, () -> queue.submit(job(step("a"), step("a")), "alice"));
    expect(ErrorCode.INVALID_ARGUMENT, () -> queue.submit(job(step("a").setCpus(0)), "alice"));
    expect(ErrorCode.INVALID_ARGUMENT, () -> queue.submit(job(step("a").setUserPriority(101)), "alice"));
    expect(ErrorCode.INVALID_ARGUMENT, () -> queue.submit(job(step("a").setExecutable("true")), "alice"));
    OpenllException e = expect(ErrorCode.INVALID_ARGUMENT,
        () -> queue.submit(job(step("a").clearExecutable().setExecutableIsJobFile(true)), "alice"));
    assertTrue(e.getMessage().startsWith("steps[0] (a).job_file_content:"), e.getMessage());
    expect(ErrorCode.INVALID_ARGUMENT, () -> queue.submit(job(step("a")), ""));
    assertEquals(0, store.commits());
  }

  @Test
  void submit_storeFails_nothingQueuedAndTheNumberNeverReused() {
    store.failNextWrite();
    expect(ErrorCode.UNAVAILABLE, () -> queue.submit(job(step("a")), "alice"));

    assertTrue(queue.query(List.of(), Set.of(), true).isEmpty());
    assertTrue(negotiator.events().isEmpty());
    assertEquals("node1.2", queue.submit(job(step("a")), "alice").jobId());
  }

  @Test
  void query_idsAndOwners_filteredAndOrdered() {
    queue.submit(job(step("a"), step("b")), "alice");
    queue.submit(job(step("a")), "bob");
    queue.submit(job(step("a")), "alice");

    assertEquals(List.of("node1.1.0", "node1.1.1", "node1.3.0"),
        queue.query(List.of(), Set.of("alice"), false).stream().map(StepStatus::getStepId).toList());
    assertEquals(List.of("node1.1.1", "node1.2.0"),
        queue.query(List.of("2", "node1.1.1", "otherhost.1"), Set.of(), false).stream().map(StepStatus::getStepId).toList());
    expect(ErrorCode.INVALID_ARGUMENT, () -> queue.query(List.of("x.y"), Set.of(), false));
  }

  @Test
  void query_includeFinished_addsTerminalStepsFromTheStore() {
    queue.submit(job(step("a")), "alice");
    queue.cancel(List.of("1"), "alice");

    assertTrue(queue.query(List.of(), Set.of(), false).isEmpty());
    List<StepStatus> all = queue.query(List.of(), Set.of(), true);
    assertEquals(1, all.size());
    assertEquals(org.openll.api.v1.StepState.STEP_STATE_REMOVED, all.get(0).getState());
  }

  @Test
  void cancel_idleStep_removedAndWithdrawn() {
    queue.submit(job(step("a")), "alice");
    negotiator.clear();

    assertEquals(List.of("node1.1.0"), queue.cancel(List.of("node1.1"), "alice"));

    StepStatus status = store.get("node1.1.0").orElseThrow().status();
    assertEquals(org.openll.api.v1.StepState.STEP_STATE_REMOVED, status.getState());
    assertTrue(status.hasCompletionTime());
    assertEquals("cancelled by alice", status.getHistory(1).getMessage());
    assertEquals(List.of("withdraw:node1.1.0"), negotiator.events());
  }

  @Test
  void cancel_unknownId_notFoundAndNothingChanged() {
    queue.submit(job(step("a")), "alice");

    OpenllException e = expect(ErrorCode.NOT_FOUND, () -> queue.cancel(List.of("1", "99"), "alice"));

    assertTrue(e.getMessage().contains("99"), e.getMessage());
    assertEquals(StepState.IDLE, stateOf("node1.1.0"));
  }

  @Test
  void cancel_pendingStep_removedAndReleased() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    queue.onPermit(permit(id));
    negotiator.clear();

    queue.cancel(List.of(id), "alice");

    assertEquals(StepState.REMOVED, stateOf(id));
    assertEquals(List.of("release:" + id), negotiator.events());
    // the startd accepts it afterwards: it is told to cancel what it started
    startds.starts.get(0).answer().complete(null);
    assertEquals(1, startds.cancels.size());
    assertEquals(StepState.REMOVED, stateOf(id));
  }

  @Test
  void startStepAnswer_afterTheStepAlreadyEnded_cancelsNothing() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    queue.onPermit(permit(id));

    // a short step's end reaches the schedd before the answer to its StartStep
    queue.onUpdates("m1", List.of(update(id, StepState.RUNNING), update(id, StepState.COMPLETED)));
    startds.starts.get(0).answer().complete(null);

    assertEquals(StepState.COMPLETED, stateOf(id));
    assertEquals(List.of(), startds.cancels);
  }

  @Test
  void cancel_pendingStepWhoseStartStepIsRetried_isCancelledThereWhenTheRetryComes() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    queue.onPermit(permit(id));
    startds.starts.get(0).answer().completeExceptionally(Status.UNAVAILABLE.asRuntimeException());

    queue.cancel(List.of(id), "alice");
    clock.advance(Duration.ofSeconds(1));

    assertEquals(1, startds.starts.size());
    assertEquals(1, startds.cancels.size());
    assertEquals(id, startds.cancels.get(0).request().getStepId());
    assertEquals(StepState.REMOVED, stateOf(id));
  }

  @Test
  void cancel_runningStep_removePendingUntilTheFinalRecord() {
    String id = startedStep();
    queue.onUpdates("m1", List.of(update(id, StepState.RUNNING)));

    queue.cancel(List.of(id), "alice");

    assertEquals(StepState.REMOVE_PENDING, stateOf(id));
    assertEquals(1, startds.cancels.size());
    assertEquals("m1@127.0.0.1:9000", startds.cancels.get(0).address());
    assertEquals(id, startds.cancels.get(0).request().getStepId());

    queue.onUpdates("m1", List.of(update(id, StepState.COMPLETE_PENDING)));
    assertEquals(StepState.REMOVE_PENDING, stateOf(id));
    negotiator.clear();
    queue.onUpdates("m1", List.of(update(id, StepState.COMPLETED)));
    assertEquals(StepState.REMOVED, stateOf(id));
    assertEquals(List.of("release:" + id), negotiator.events());
  }

  @Test
  void permit_idleStep_pendingThenStartingOnSuccess() {
    JobSpec spec = job(step("a").clearExecutable().setExecutableIsJobFile(true))
        .toBuilder().setJobFileContent(ByteString.copyFromUtf8("#!/bin/sh\n")).build();
    String id = queue.submit(spec, "alice").stepIds().get(0);

    queue.onPermit(permit(id));

    StepStatus pending = statusOf(id);
    assertEquals(org.openll.api.v1.StepState.STEP_STATE_PENDING, pending.getState());
    assertEquals("m1", pending.getMachine());
    assertTrue(pending.hasDispatchTime());
    StartStepRequest request = startds.starts.get(0).request();
    assertEquals("127.0.0.1:9000", startds.starts.get(0).address());
    assertEquals(ADDRESS, request.getScheddAddress());
    assertEquals("s3cret", request.getPermit().getClaimSecret());
    assertEquals(id, request.getLaunch().getStepId());
    assertEquals("alice", request.getLaunch().getOwner());
    assertEquals("node1.1", request.getLaunch().getJobName());
    assertEquals(HOST, request.getLaunch().getScheddHost());
    assertEquals("#!/bin/sh\n", request.getLaunch().getJobFileContent().toStringUtf8());

    startds.starts.get(0).answer().complete(null);
    assertEquals(StepState.STARTING, stateOf(id));
  }

  @Test
  void permit_stepNotIdle_releasedWithoutStarting() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    queue.cancel(List.of(id), "alice");
    negotiator.clear();

    queue.onPermit(permit(id));
    queue.onPermit(permit("node1.77.0"));

    assertTrue(startds.starts.isEmpty());
    assertEquals(List.of("release:" + id, "release:node1.77.0"), negotiator.events());
  }

  @Test
  void permit_startStepFails_rejectedThenIdleWithTheReason() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    queue.onPermit(permit(id));
    negotiator.clear();

    startds.starts.get(0).answer().completeExceptionally(
        Status.RESOURCE_EXHAUSTED.withDescription("no free cpus").asRuntimeException());

    StepStatus status = statusOf(id);
    assertEquals(org.openll.api.v1.StepState.STEP_STATE_IDLE, status.getState());
    assertEquals("", status.getMachine());
    List<StateChange> history = status.getHistoryList();
    StateChange rejected = history.get(history.size() - 2);
    assertEquals(org.openll.api.v1.StepState.STEP_STATE_REJECTED, rejected.getState());
    assertEquals("StartStep on m1 failed: RESOURCE_EXHAUSTED: no free cpus", rejected.getMessage());
    assertEquals(List.of("release:" + id, "idle:" + id), negotiator.events());
    assertEquals(StepState.IDLE, store.get(id).orElseThrow().state());
  }

  @Test
  void permit_refusedByABusyMachine_idleAgainWithoutCountingARejection() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    for (int i = 0; i < 5; i++) {
      queue.onPermit(permit(id));
      startds.starts.get(i).answer().completeExceptionally(Status.RESOURCE_EXHAUSTED.asRuntimeException());
    }
    assertEquals(StepState.IDLE, stateOf(id));
    assertEquals(0, statusOf(id).getRejectCount());
  }

  @Test
  void permit_rejectedFiveTimes_held() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    for (int i = 0; i < 5; i++) {
      queue.onPermit(permit(id));
      startds.starts.get(i).answer().completeExceptionally(Status.INVALID_ARGUMENT.asRuntimeException());
    }
    assertEquals(StepState.HOLD, stateOf(id));
    assertTrue(queue.idleSnapshot().isEmpty());
  }

  @Test
  void permit_claimGoneManyTimes_idleAgainAndNoRejectionCounted() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    for (int i = 0; i < 7; i++) {
      queue.onPermit(permit(id));
      startds.starts.get(i).answer().completeExceptionally(
          Status.PERMISSION_DENIED.withDescription("permit.claim_secret is not m1's current secret").asRuntimeException());
    }
    assertEquals(StepState.IDLE, stateOf(id));
    assertEquals(0, statusOf(id).getRejectCount());
    assertEquals("", statusOf(id).getMachine());
    assertEquals(1, queue.idleSnapshot().size());
  }

  @Test
  void updates_runningThenCompleted_storesResultAndReleases() {
    String id = startedStep();
    negotiator.clear();
    clock.advance(Duration.ofSeconds(5));
    StepResult result = StepResult.newBuilder().setLaunched(true).setExitCode(3).setMessage("done").build();

    queue.onUpdates("m1", List.of(update(id, StepState.RUNNING), update(id, StepState.COMPLETE_PENDING),
        update(id, StepState.COMPLETED).toBuilder().setResult(result).build()));

    StoredStep stored = store.get(id).orElseThrow();
    assertEquals(StepState.COMPLETED, stored.state());
    assertEquals(result, stored.status().getResult());
    assertEquals(1_735_689_700L, stored.status().getCompletionTime().getSeconds());
    assertEquals(List.of("release:" + id), negotiator.events());
    assertEquals(List.of(org.openll.api.v1.StepState.STEP_STATE_IDLE, org.openll.api.v1.StepState.STEP_STATE_PENDING,
            org.openll.api.v1.StepState.STEP_STATE_STARTING, org.openll.api.v1.StepState.STEP_STATE_RUNNING,
            org.openll.api.v1.StepState.STEP_STATE_COMPLETE_PENDING, org.openll.api.v1.StepState.STEP_STATE_COMPLETED),
        stored.status().getHistoryList().stream().map(StateChange::getState).toList());
  }

  @Test
  void vacateMachine_runningStep_vacatedThenIdleReleasedAndKilledThere_laterUpdatesRefused() {
    String id = startedStep();
    queue.onUpdates("m1", List.of(update(id, StepState.RUNNING)));
    negotiator.clear();

    queue.vacateMachine("m1", "machine m1 did not report for 1s");

    StepStatus status = statusOf(id);
    assertEquals(org.openll.api.v1.StepState.STEP_STATE_IDLE, status.getState());
    assertEquals("", status.getMachine());
    List<org.openll.api.v1.StepState> tail = status.getHistoryList().stream().map(StateChange::getState).toList()
        .subList(status.getHistoryCount() - 3, status.getHistoryCount());
    assertEquals(List.of(org.openll.api.v1.StepState.STEP_STATE_VACATE_PENDING,
        org.openll.api.v1.StepState.STEP_STATE_VACATED, org.openll.api.v1.StepState.STEP_STATE_IDLE), tail);
    assertEquals("machine m1 did not report for 1s", status.getHistory(status.getHistoryCount() - 2).getMessage());
    assertEquals(StepState.IDLE, store.get(id).orElseThrow().state());
    assertEquals(List.of("release:" + id, "idle:" + id), negotiator.events());
    assertEquals(1, startds.cancels.size());
    assertEquals("vacated: the step was requeued", startds.cancels.get(0).request().getReason());

    queue.onUpdates("m1", List.of(update(id, StepState.COMPLETE_PENDING)));

    assertEquals(StepState.IDLE, stateOf(id));
    assertEquals(2, startds.cancels.size());
  }

  @Test
  void reconcileMachine_runsAStepNotDispatchedThere_killedThere_othersLeftAlone() {
    String id = startedStep();
    String idle = queue.submit(job(step("b")), "alice").stepIds().get(0);

    queue.reconcileMachine("m1", List.of(id, idle, "other.9.0"));

    assertEquals(1, startds.cancels.size());
    assertEquals(idle, startds.cancels.get(0).request().getStepId());
    assertEquals("vacated: the step was requeued", startds.cancels.get(0).request().getReason());
  }

  @Test
  void vacateMachine_restartNo_canceled() {
    String id = queue.submit(job(step("a").setNoRestart(true)), "alice").stepIds().get(0);
    queue.onPermit(permit(id));

    queue.vacateMachine("m1", "machine m1 did not report for 1s");

    assertEquals(StepState.CANCELED, store.get(id).orElseThrow().state());
  }

  @Test
  void updates_resentAfterCompletion_acknowledgedWithoutEffect() {
    String id = startedStep();
    queue.onUpdates("m1", List.of(update(id, StepState.COMPLETED)));
    int commits = store.commits();

    queue.onUpdates("m1", List.of(update(id, StepState.RUNNING), update(id, StepState.COMPLETED),
        update("node1.404.0", StepState.COMPLETED)));

    assertEquals(commits, store.commits());
    assertEquals(StepState.COMPLETED, stateOf(id));
  }

  @Test
  void updates_forbiddenTransition_refusedNeverApplied() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);

    queue.onUpdates("m1", List.of(update(id, StepState.COMPLETED)));

    assertEquals(StepState.IDLE, stateOf(id));
    assertEquals(1, statusOf(id).getHistoryCount());
  }

  @Test
  void updates_unspecifiedState_invalidArgument() {
    expect(ErrorCode.INVALID_ARGUMENT,
        () -> queue.onUpdates("m1", List.of(StepUpdate.newBuilder().setStepId("node1.1.0").build())));
  }

  @Test
  void recover_afterRestart_pendingStepsStayPendingOthersKept() {
    String pending = queue.submit(job(step("a")), "alice").stepIds().get(0);
    queue.onPermit(permit(pending));
    String running = startedStep();
    queue.onUpdates("m1", List.of(update(running, StepState.RUNNING)));
    String idle = queue.submit(job(step("a")), "alice").stepIds().get(0);

    restart();

    assertEquals(StepState.PENDING, stateOf(pending));
    assertEquals(StepState.RUNNING, stateOf(running));
    assertEquals(StepState.IDLE, stateOf(idle));
    assertEquals(List.of(idle), queue.idleSnapshot().stream().map(s -> s.getStepId()).toList());
    assertEquals("node1.4", queue.submit(job(step("a")), "bob").jobId());
  }

  @Test
  void recover_pendingStep_startStepSentAgainWithTheSamePermit() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    queue.onPermit(permit(id));

    restart();

    FakeStartdClient.Call<StartStepRequest> resent = startds.starts.get(startds.starts.size() - 1);
    assertEquals(2, startds.starts.size());
    assertEquals(permit(id), resent.request().getPermit());
    assertEquals("127.0.0.1:9000", resent.address());
    assertEquals(id, resent.request().getLaunch().getStepId());
  }

  @Test
  void recover_startdAlreadyRunsTheStep_startingAndNeverIdle() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    queue.onPermit(permit(id));
    restart();
    negotiator.clear();

    lastStart().answer().completeExceptionally(Status.ALREADY_EXISTS.withDescription("already runs").asRuntimeException());

    assertEquals(StepState.STARTING, stateOf(id));
    assertTrue(negotiator.events().isEmpty());
    assertEquals(List.of(org.openll.api.v1.StepState.STEP_STATE_IDLE, org.openll.api.v1.StepState.STEP_STATE_PENDING,
            org.openll.api.v1.StepState.STEP_STATE_STARTING),
        statusOf(id).getHistoryList().stream().map(StateChange::getState).toList());
  }

  @Test
  void recover_startdLostTheClaim_rejectedThenIdle() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    queue.onPermit(permit(id));
    restart();
    negotiator.clear();

    lastStart().answer().completeExceptionally(Status.PERMISSION_DENIED.withDescription("not the secret").asRuntimeException());

    assertEquals(StepState.IDLE, stateOf(id));
    assertEquals(List.of("release:" + id, "idle:" + id), negotiator.events());
  }

  @Test
  void recover_startdUnreachable_staysPendingAndAsksAgainWithBackoff() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    queue.onPermit(permit(id));
    restart();

    lastStart().answer().completeExceptionally(Status.UNAVAILABLE.asRuntimeException());
    assertEquals(StepState.PENDING, stateOf(id));
    assertEquals(2, startds.starts.size());
    clock.advance(Duration.ofMillis(999));
    assertEquals(2, startds.starts.size());
    clock.advance(Duration.ofMillis(1));
    assertEquals(3, startds.starts.size());

    lastStart().answer().complete(null);
    assertEquals(StepState.STARTING, stateOf(id));
  }

  @Test
  void recover_pendingStepUpdatedByItsStartd_followsTheUpdates() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    queue.onPermit(permit(id));
    restart();

    queue.onUpdates("m1", List.of(update(id, StepState.RUNNING)));
    lastStart().answer().completeExceptionally(Status.ALREADY_EXISTS.asRuntimeException());

    assertEquals(StepState.RUNNING, stateOf(id));
  }

  @Test
  void permit_startStepDeadlineExceeded_staysPendingThenAlreadyExistsStarting() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    queue.onPermit(permit(id));

    lastStart().answer().completeExceptionally(Status.DEADLINE_EXCEEDED.asRuntimeException());
    assertEquals(StepState.PENDING, stateOf(id));
    clock.advance(Duration.ofSeconds(1));
    lastStart().answer().completeExceptionally(Status.ALREADY_EXISTS.asRuntimeException());

    assertEquals(StepState.STARTING, stateOf(id));
    assertEquals(2, startds.starts.size());
  }

  @Test
  void submit_diskFull_resourceExhaustedNothingQueuedThenRecovers() {
    String before = queue.submit(job(step("a")), "alice").stepIds().get(0);
    store.diskFull();

    OpenllException e = assertThrows(OpenllException.class, () -> queue.submit(job(step("a")), "alice"));

    assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
    assertTrue(e.getMessage().contains("queue.db"), e.getMessage());
    assertEquals(List.of(before), queue.query(List.of(), Set.of(), true).stream().map(StepStatus::getStepId).toList());
    store.diskFreed();
    String after = queue.submit(job(step("a")), "alice").stepIds().get(0);
    assertEquals(StepState.IDLE, stateOf(after));
    assertEquals(StepState.IDLE, store.get(after).orElseThrow().state());
  }

  @Test
  void permit_refusedWhileTheDiskIsFull_staysPendingThenIdleOnceItHasRoom() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    queue.onPermit(permit(id));
    store.diskFull();

    lastStart().answer().completeExceptionally(Status.PERMISSION_DENIED.asRuntimeException());
    assertEquals(StepState.PENDING, stateOf(id));
    store.diskFreed();
    clock.advance(Duration.ofSeconds(1));

    assertEquals(StepState.IDLE, stateOf(id));
    assertEquals(StepState.IDLE, store.get(id).orElseThrow().state());
  }

  @Test
  void cancel_diskFull_resourceExhaustedStepUnchangedInMemoryAndInTheStore() {
    String id = queue.submit(job(step("a")), "alice").stepIds().get(0);
    store.diskFull();

    OpenllException e = assertThrows(OpenllException.class, () -> queue.cancel(List.of(id), "alice"));

    assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
    assertEquals(StepState.IDLE, stateOf(id));
    assertEquals(StepState.IDLE, store.get(id).orElseThrow().state());
  }

  void restart() {
    JobQueue restarted = newQueue();
    restarted.recover();
    queue = restarted;
  }

  FakeStartdClient.Call<StartStepRequest> lastStart() {
    return startds.starts.get(startds.starts.size() - 1);
  }

  @Test
  void operations_beforeRecover_unavailable() {
    JobQueue fresh = newQueue();
    expect(ErrorCode.UNAVAILABLE, () -> fresh.submit(job(step("a")), "alice"));
  }

  record FixedEndpoint(String name, String address) implements ScheddEndpoint {}
}
