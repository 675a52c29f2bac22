package org.openll.schedd.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.CancelStepsRequest;
import org.openll.api.v1.HoldStepsRequest;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.ModifyStepsRequest;
import org.openll.api.v1.StepStatus;
import org.openll.api.v1.IdleStep;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.ReportStepUpdatesRequest;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.SetUserPriorityRequest;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepUpdate;
import org.openll.api.v1.SubmitJobRequest;
import org.openll.api.v1.SubmitJobResponse;
import org.openll.common.authz.TestCallers;
import org.openll.common.errors.ErrorMappingInterceptor;
import org.openll.common.time.FakeClock;
import org.openll.schedd.queue.JobQueue;
import org.openll.schedd.queue.NegotiatorNotifier;
import org.openll.schedd.queue.ScheddEndpoint;
import org.openll.schedd.queue.StartdClient;
import org.openll.schedd.queue.StepPrivacy;
import org.openll.schedd.store.InMemoryJobStore;
import org.openll.schedd.watch.StepWatchHub;
import org.openll.api.v1.StepEvent;
import org.openll.api.v1.WatchStepsRequest;
import java.util.Iterator;

class ScheddGrpcServiceTest {
  Server server;
  ManagedChannel channel;
  /** Alice's calls; {@link #bob} another user's, {@link #admin} an administrator's (LOADL_ADMIN's default: this process's user). */
  ScheddGrpc.ScheddBlockingStub stub;
  ScheddGrpc.ScheddBlockingStub bob;
  ScheddGrpc.ScheddBlockingStub admin;
  ScheddGrpc.ScheddBlockingStub anonymous;
  final StepWatchHub hub = new StepWatchHub(1, 1000, 3, Runnable::run);

  @BeforeEach
  void setUp() throws Exception {
    NegotiatorNotifier negotiator = new NegotiatorNotifier() {
      @Override
      public void idle(List<IdleStep> steps) {}

      @Override
      public void withdraw(List<String> stepIds) {}

      @Override
      public void release(List<String> stepIds) {}

      @Override
      public void handOver(List<org.openll.api.v1.ClaimHandover> handovers) {}
    };
    StartdClient startds = new StartdClient() {
      @Override
      public CompletableFuture<Void> startStep(String address, org.openll.api.v1.StartStepRequest request) {
        return new CompletableFuture<>();
      }

      @Override
      public CompletableFuture<Void> cancelStep(String machine, String address, org.openll.api.v1.CancelStepRequest request) {
        return new CompletableFuture<>();
      }
    };
    ScheddEndpoint endpoint = new ScheddEndpoint() {
      @Override
      public String name() {
        return "node1";
      }

      @Override
      public String address() {
        return "127.0.0.1:1";
      }
    };
    JobQueue queue = new JobQueue(new InMemoryJobStore(), negotiator, startds, endpoint, Clock.systemUTC(), new FakeClock().scheduler(), 5);
    queue.setListener(hub);
    queue.recover();
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerInterceptors.intercept(new ScheddGrpcService(queue, hub, "node1"), new ErrorMappingInterceptor(),
            TestCallers.server()))
        .build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    anonymous = ScheddGrpc.newBlockingStub(channel);
    stub = TestCallers.as(anonymous, "alice");
    bob = TestCallers.as(anonymous, "bob");
    admin = TestCallers.as(anonymous, System.getProperty("user.name"));
  }

  @AfterEach
  void tearDown() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  static JobSpec job(String output) {
    return JobSpec.newBuilder().setJobFileName("/tmp/j.cmd").setSubmitHost("client").setSubmitDir("/tmp")
        .addSteps(StepSpec.newBuilder().setStepName("0").setExecutable("/bin/true").setInput("/dev/null")
            .setOutput(output).setError("/dev/null").setInitialdir("/tmp").setJobClass("No_Class").setCpus(1))
        .build();
  }

  SubmitJobResponse submit() {
    return stub.submitJob(SubmitJobRequest.newBuilder().setJob(job("/dev/null")).setOwner("alice").build());
  }

  static Status.Code codeOf(Runnable call) {
    return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
  }

  @Test
  void submitJob_validJob_answersIdsThatQueryFinds() {
    SubmitJobResponse response = submit();

    assertEquals("node1.1", response.getJobId());
    assertEquals(List.of("node1.1.0"), response.getStepIdsList());
    var steps = stub.querySteps(QueryStepsRequest.newBuilder().addIds("1").build()).getStepsList();
    assertEquals(1, steps.size());
    assertEquals(StepState.STEP_STATE_IDLE, steps.get(0).getState());
  }

  @Test
  void submitJob_badOrMissingJob_invalidArgumentNamingTheField() {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.submitJob(
        SubmitJobRequest.newBuilder().setJob(job("rel/out")).setOwner("alice").build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().startsWith("steps[0] (0).output:"), e.getStatus().getDescription());

    assertEquals(Status.Code.INVALID_ARGUMENT,
        codeOf(() -> stub.submitJob(SubmitJobRequest.newBuilder().setOwner("alice").build())));
  }

  @Test
  void setUserPriority_ownerAdjusts_clampedTo100AndSomeoneElseRefused() {
    submit();

    var changed = stub.setUserPriority(
        SetUserPriorityRequest.newBuilder().addIds("node1.1").setRequester("alice").setAdjustment(80).build());

    assertEquals(List.of("node1.1.0"), changed.getStepIdsList());
    assertEquals(80, stub.querySteps(QueryStepsRequest.getDefaultInstance()).getSteps(0).getSpec().getUserPriority());
    stub.setUserPriority(
        SetUserPriorityRequest.newBuilder().addIds("node1.1.0").setRequester("alice").setAdjustment(80).build());
    assertEquals(100, stub.querySteps(QueryStepsRequest.getDefaultInstance()).getSteps(0).getSpec().getUserPriority());
    assertEquals(Status.Code.PERMISSION_DENIED, codeOf(() -> bob.setUserPriority(
        SetUserPriorityRequest.newBuilder().addIds("1").setAbsolute(1).build())));
    assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> stub.setUserPriority(
        SetUserPriorityRequest.newBuilder().addIds("1").setRequester("alice").build())));
  }

  @Test
  void cancelSteps_idleStep_cancelledAndInHistory() {
    submit();

    var cancelled = stub.cancelSteps(CancelStepsRequest.newBuilder().addIds("node1.1").setRequester("alice").build());

    assertEquals(List.of("node1.1.0"), cancelled.getStepIdsList());
    assertEquals(0, stub.querySteps(QueryStepsRequest.getDefaultInstance()).getStepsCount());
    assertEquals(StepState.STEP_STATE_REMOVED, stub.querySteps(
        QueryStepsRequest.newBuilder().setIncludeFinished(true).build()).getSteps(0).getState());
  }

  @Test
  void cancelSteps_unknownOrMissingIds_notFoundOrInvalidArgument() {
    submit();
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.cancelSteps(
        CancelStepsRequest.newBuilder().addIds("1").addIds("42").setRequester("alice").build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("42"));

    assertEquals(Status.Code.INVALID_ARGUMENT,
        codeOf(() -> stub.cancelSteps(CancelStepsRequest.newBuilder().setRequester("alice").build())));
    assertEquals(Status.Code.INVALID_ARGUMENT,
        codeOf(() -> stub.querySteps(QueryStepsRequest.newBuilder().addIds("not-an-id").build())));
  }

  @Test
  void reportStepUpdates_malformed_invalidArgument_unknownStep_acknowledged() {
    var stub = TestCallers.as(anonymous, TestCallers.daemon("m1"));
    assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> stub.reportStepUpdates(
        ReportStepUpdatesRequest.newBuilder().setMachine("m1").build())));
    assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> stub.reportStepUpdates(ReportStepUpdatesRequest.newBuilder()
        .setMachine("m1").addUpdates(StepUpdate.newBuilder().setStepId("node1.1.0")).build())));

    stub.reportStepUpdates(ReportStepUpdatesRequest.newBuilder().setMachine("m1")
        .addUpdates(StepUpdate.newBuilder().setStepId("node1.9.0").setState(StepState.STEP_STATE_COMPLETED)).build());
  }

  @Test
  void watchSteps_snapshotThenCommittedChanges_resumeMissesNothing() {
    submit();
    Iterator<StepEvent> events = stub.watchSteps(WatchStepsRequest.newBuilder().addIds("1").setIncludeFinished(true).build());
    StepEvent snapshot = events.next();
    assertTrue(snapshot.getSnapshot());
    assertEquals(StepState.STEP_STATE_IDLE, snapshot.getStep().getState());
    assertTrue(events.next().getSnapshotComplete());

    stub.cancelSteps(CancelStepsRequest.newBuilder().addIds("node1.1").setRequester("alice").build());
    submit(); // job 2: not watched

    StepEvent removed = events.next();
    assertEquals(StepState.STEP_STATE_REMOVED, removed.getStep().getState());
    assertEquals("node1.1.0", removed.getStep().getStepId());

    Iterator<StepEvent> resumed = stub.watchSteps(WatchStepsRequest.newBuilder().setResumeToken("1.1").build());
    assertEquals(removed.getSequence(), resumed.next().getSequence());
    assertEquals("node1.2.0", resumed.next().getStep().getStepId());
  }

  @Test
  void watchSteps_badIdOrTooOldToken_invalidArgumentOrFailedPrecondition() {
    assertEquals(Status.Code.INVALID_ARGUMENT,
        codeOf(() -> stub.watchSteps(WatchStepsRequest.newBuilder().addIds("not-an-id").build()).next()));
    assertEquals(Status.Code.FAILED_PRECONDITION,
        codeOf(() -> stub.watchSteps(WatchStepsRequest.newBuilder().setResumeToken("99.1").build()).next()));
  }

  @Test
  void watchSteps_clientStopsReading_droppedWithResourceExhausted() {
    Iterator<StepEvent> events = stub.watchSteps(WatchStepsRequest.getDefaultInstance());
    assertTrue(events.next().getSnapshotComplete());

    for (int i = 0; i < 8; i++) {
      submit(); // the watcher reads nothing meanwhile: more than 3 changes pile up
    }

    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> {
      for (int i = 0; i < 8; i++) {
        events.next();
      }
    });
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
    assertEquals(0, hub.watcherCount());
  }

  @Test
  void anyCall_noVerifiedCaller_unauthenticated() {
    assertEquals(Status.Code.UNAUTHENTICATED, codeOf(() -> anonymous.submitJob(
        SubmitJobRequest.newBuilder().setJob(job("/dev/null")).setOwner("alice").build())));
    submit();
    assertEquals(Status.Code.UNAUTHENTICATED, codeOf(() -> anonymous.querySteps(QueryStepsRequest.getDefaultInstance())));
    assertEquals(Status.Code.UNAUTHENTICATED, codeOf(() -> anonymous.cancelSteps(
        CancelStepsRequest.newBuilder().addIds("1").setRequester("alice").build())));
    assertEquals(Status.Code.UNAUTHENTICATED, codeOf(() -> anonymous.reportStepUpdates(ReportStepUpdatesRequest.newBuilder()
        .setMachine("m1").addUpdates(StepUpdate.newBuilder().setStepId("node1.1.0").setState(StepState.STEP_STATE_RUNNING))
        .build())));
  }

  @Test
  void submitJob_ownerOfTheCaller_ownerNamingSomeoneElseRefused() {
    SubmitJobResponse response = bob.submitJob(SubmitJobRequest.newBuilder().setJob(job("/dev/null")).build());
    assertEquals("bob", stub.querySteps(QueryStepsRequest.newBuilder().addIds(response.getJobId()).build())
        .getSteps(0).getOwner());

    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> bob.submitJob(
        SubmitJobRequest.newBuilder().setJob(job("/dev/null")).setOwner("alice").build()));
    assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    assertEquals("authenticated as bob (client certificate), but owner names alice: bob may not act as alice",
        e.getStatus().getDescription());
    assertEquals(1, stub.querySteps(QueryStepsRequest.getDefaultInstance()).getStepsCount());
  }

  @Test
  void cancelHoldModify_ofSomeoneElsesStep_permissionDeniedNamingWhoAsked_stepUnchanged() {
    submit();

    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> bob.cancelSteps(CancelStepsRequest.newBuilder().addIds("node1.1.0").build()));
    assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    assertEquals("step node1.1.0 belongs to alice: bob may not cancel it (only its owner or an administrator in LOADL_ADMIN)",
        e.getStatus().getDescription());
    assertEquals(Status.Code.PERMISSION_DENIED, codeOf(() -> bob.holdSteps(HoldStepsRequest.newBuilder()
        .addIds("node1.1.0").setHoldType(HoldType.HOLD_TYPE_USER).build())));
    assertEquals(Status.Code.PERMISSION_DENIED, codeOf(() -> bob.modifySteps(
        ModifyStepsRequest.newBuilder().addIds("node1.1.0").setAccountNo("x").build())));
    // naming the owner as requester does not help
    assertEquals(Status.Code.PERMISSION_DENIED, codeOf(() -> bob.cancelSteps(
        CancelStepsRequest.newBuilder().addIds("node1.1.0").setRequester("alice").build())));

    assertEquals(StepState.STEP_STATE_IDLE, stub.querySteps(QueryStepsRequest.getDefaultInstance()).getSteps(0).getState());
    assertEquals(List.of("node1.1.0"), admin.holdSteps(HoldStepsRequest.newBuilder().addIds("node1.1.0")
        .setHoldType(HoldType.HOLD_TYPE_USER).build()).getStepIdsList());
    assertEquals(List.of("node1.1.0"), stub.cancelSteps(CancelStepsRequest.newBuilder().addIds("node1.1.0").build())
        .getStepIdsList());
  }

  @Test
  void querySteps_othersSeeTheStepWithPathsRedacted_ownerAndAdministratorSeeThem() {
    submit();

    StepStatus seenByBob = bob.querySteps(QueryStepsRequest.getDefaultInstance()).getSteps(0);
    assertEquals("alice", seenByBob.getOwner());
    assertEquals(StepState.STEP_STATE_IDLE, seenByBob.getState());
    assertEquals(StepPrivacy.REDACTED, seenByBob.getSpec().getExecutable());
    assertEquals(StepPrivacy.REDACTED, seenByBob.getSpec().getInitialdir());
    assertEquals(StepPrivacy.REDACTED, seenByBob.getJobFileName());
    assertEquals("/bin/true", stub.querySteps(QueryStepsRequest.getDefaultInstance()).getSteps(0).getSpec().getExecutable());
    assertEquals("/tmp", admin.querySteps(QueryStepsRequest.getDefaultInstance()).getSteps(0).getSpec().getInitialdir());

    Iterator<StepEvent> events = bob.watchSteps(WatchStepsRequest.getDefaultInstance());
    assertEquals(StepPrivacy.REDACTED, events.next().getStep().getSpec().getExecutable());
  }

  @Test
  void reportStepUpdates_fromAnotherMachinesCertificateOrAUser_permissionDenied() {
    var update = ReportStepUpdatesRequest.newBuilder().setMachine("m1")
        .addUpdates(StepUpdate.newBuilder().setStepId("node1.1.0").setState(StepState.STEP_STATE_RUNNING)).build();

    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> TestCallers.as(anonymous, TestCallers.daemon("m2")).reportStepUpdates(update));
    assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    assertEquals("the certificate of machine m2 may not report the steps of machine m1", e.getStatus().getDescription());
    assertEquals(Status.Code.PERMISSION_DENIED, codeOf(() -> stub.reportStepUpdates(update)));
  }
}
