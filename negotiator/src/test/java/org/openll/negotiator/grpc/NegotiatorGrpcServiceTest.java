package org.openll.negotiator.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.IdleStep;
import org.openll.api.v1.IdleSteps;
import org.openll.api.v1.MachineAd;
import org.openll.api.v1.MachineStatus;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.NegotiatorToSchedd;
import org.openll.api.v1.NegotiatorToStartd;
import org.openll.api.v1.Permit;
import org.openll.api.v1.QueryMachinesRequest;
import org.openll.api.v1.ReleaseSteps;
import org.openll.api.v1.RunningStep;
import org.openll.api.v1.ScheddHello;
import org.openll.api.v1.ScheddToNegotiator;
import org.openll.api.v1.StartdToNegotiator;
import org.openll.api.v1.WithdrawSteps;
import org.openll.common.authz.TestCallers;
import org.openll.common.errors.ErrorMappingInterceptor;
import org.openll.common.security.Caller;
import org.openll.common.time.FakeClock;
import org.openll.negotiator.NegotiatorSettings;
import org.openll.negotiator.cycle.CycleRunner;
import org.openll.common.expr.ExpressionCache;
import org.openll.negotiator.match.Matchmaker;
import org.openll.negotiator.fairshare.FairShareLedger;
import org.openll.negotiator.favor.FavorList;
import org.openll.negotiator.favor.FavorRequests;
import org.openll.negotiator.policy.PolicyFiles;
import org.openll.negotiator.policy.PolicyInputs;
import org.openll.negotiator.registry.PoolRegistry;

class NegotiatorGrpcServiceTest {
  private static final Duration DELAY = Duration.ofMillis(50);
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final FakeClock clock = new FakeClock();
  private final NegotiatorSettings settings = new NegotiatorSettings(Duration.ofSeconds(1), Duration.ofSeconds(6),
      Duration.ofSeconds(30), DELAY);
  private final PoolRegistry registry = new PoolRegistry(clock, settings);
  private final CycleRunner runner = new CycleRunner(registry, new Matchmaker(new ExpressionCache()), clock, clock.scheduler(), settings);
  private final PolicyInputs inputs = PolicyInputs.fixed(PolicyFiles.defaults());
  private final FairShareLedger ledger = new FairShareLedger(FairShareLedger.State.empty());
  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path spool;
  private Server server;
  private ManagedChannel channel;
  private NegotiatorGrpc.NegotiatorStub stub;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerInterceptors.intercept(new NegotiatorGrpcService(registry, runner, inputs, ledger,
            new FavorRequests(new FavorList(spool.resolve("favor.tsv")), inputs)), new ErrorMappingInterceptor(),
            TestCallers.server()))
        .build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    // the session mechanics are tested as under the plaintext switch, where no certificate names the
    // machine; the certificate checks have their own tests below
    stub = TestCallers.as(NegotiatorGrpc.newStub(channel), new Caller("test", Caller.Authentication.CLAIMED_INSECURE));
    runner.startAsync().awaitRunning();
  }

  @AfterEach
  void stop() throws Exception {
    runner.stopAsync().awaitTerminated();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Records what a stream receives. */
  static final class Recorder<T> implements StreamObserver<T> {
    final BlockingQueue<T> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Status> end = new CompletableFuture<>();

    @Override
    public void onNext(T value) {
      messages.add(value);
    }

    @Override
    public void onError(Throwable t) {
      end.complete(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      end.complete(Status.OK);
    }

    T next() throws InterruptedException {
      T value = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(value, "no message within " + WAIT);
      return value;
    }

    Status status() throws Exception {
      return end.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met within " + WAIT);
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  private static MachineAd ad(String machine, int cpus, RunningStep... running) {
    return MachineAd.newBuilder().setMachine(machine).setAddress(machine + ":9000").setCpus(cpus).setMemoryMb(2048)
        .setArch("x86_64").setOpsys("Linux").setClaimSecret("secret-" + machine).addAllRunning(java.util.List.of(running))
        .build();
  }

  private static ScheddToNegotiator hello(String name) {
    return ScheddToNegotiator.newBuilder().setHello(ScheddHello.newBuilder().setScheddName(name).setAddress(name + ":7000")).build();
  }

  private static ScheddToNegotiator idle(String stepId, int cpus) {
    IdleStep step = IdleStep.newBuilder().setStepId(stepId).setOwner("alice").setJobClass("small").setCpus(cpus)
        .setUserPriority(50).setQueueTime(Timestamp.newBuilder().setSeconds(1000)).build();
    return ScheddToNegotiator.newBuilder().setIdle(IdleSteps.newBuilder().addSteps(step)).build();
  }

  private StreamObserver<StartdToNegotiator> startd(String machine, int cpus, Recorder<NegotiatorToStartd> recorder)
      throws InterruptedException {
    StreamObserver<StartdToNegotiator> requests = stub.startdSession(recorder);
    requests.onNext(StartdToNegotiator.newBuilder().setAd(ad(machine, cpus)).build());
    await(() -> registry.machines().stream().anyMatch(m -> m.ad().name().equals(machine) && m.up()));
    return requests;
  }

  @Test
  void scheddSession_afterStartdAdAndIdleStep_receivesPermit() throws Exception {
    StreamObserver<StartdToNegotiator> startd = startd("m1", 4, new Recorder<>());
    Recorder<NegotiatorToSchedd> permits = new Recorder<>();
    StreamObserver<ScheddToNegotiator> schedd = stub.scheddSession(permits);
    schedd.onNext(hello("s"));
    schedd.onNext(idle("s.1.0", 2));
    await(() -> registry.idleStepIds().contains("s.1.0"));
    clock.advance(DELAY);

    Permit permit = permits.next().getPermit();
    assertEquals("s.1.0", permit.getStepId());
    assertEquals("m1", permit.getMachine());
    assertEquals("m1:9000", permit.getStartdAddress());
    assertEquals("secret-m1", permit.getClaimSecret());
    assertEquals(2, permit.getCpus());
    assertEquals(clock.instant(), Instant.ofEpochSecond(permit.getIssued().getSeconds(), permit.getIssued().getNanos()));
    schedd.onCompleted();
    startd.onCompleted();
  }

  @Test
  void scheddSession_machineLost_toldMachineDownThenMachineUpWhenItReportsAgain_andAtHello() throws Exception {
    StreamObserver<StartdToNegotiator> startd = startd("m1", 4, new Recorder<>());
    Recorder<NegotiatorToSchedd> messages = new Recorder<>();
    StreamObserver<ScheddToNegotiator> schedd = stub.scheddSession(messages);
    schedd.onNext(hello("s"));
    await(() -> registry.machines().size() == 1);
    org.openll.negotiator.cycle.LostMachineWatch watch =
        new org.openll.negotiator.cycle.LostMachineWatch(registry, clock.scheduler(), settings);
    clock.advance(settings.machineLostTimeout().plusMillis(1));

    watch.sweep();

    org.openll.api.v1.MachineDown down = messages.next().getMachineDown();
    assertEquals("m1", down.getMachine());
    assertEquals("machine m1 did not report for 18s", down.getReason());
    Recorder<NegotiatorToSchedd> late = new Recorder<>();
    StreamObserver<ScheddToNegotiator> lateSchedd = stub.scheddSession(late);
    lateSchedd.onNext(hello("t"));
    assertEquals("m1", late.next().getMachineDown().getMachine());

    startd.onNext(StartdToNegotiator.newBuilder().setAd(ad("m1", 4,
        RunningStep.newBuilder().setStepId("s.1.0").setCpus(1).build())).build());
    await(() -> registry.machines().getFirst().up());
    watch.sweep();

    org.openll.api.v1.MachineUp up = messages.next().getMachineUp();
    assertEquals("m1", up.getMachine());
    assertEquals(java.util.List.of("s.1.0"), up.getRunningStepIdsList());
    schedd.onCompleted();
    lateSchedd.onCompleted();
    startd.onCompleted();
  }

  @Test
  void scheddSession_releaseAfterPermit_freesCpusForNextStep() throws Exception {
    startd("m1", 2, new Recorder<>());
    Recorder<NegotiatorToSchedd> permits = new Recorder<>();
    StreamObserver<ScheddToNegotiator> schedd = stub.scheddSession(permits);
    schedd.onNext(hello("s"));
    schedd.onNext(idle("s.1.0", 2));
    schedd.onNext(idle("s.2.0", 2));
    await(() -> registry.idleStepIds().size() == 2);
    clock.advance(DELAY);
    assertEquals("s.1.0", permits.next().getPermit().getStepId());

    schedd.onNext(ScheddToNegotiator.newBuilder().setRelease(ReleaseSteps.newBuilder().addStepIds("s.1.0")).build());
    await(() -> registry.allocations().isEmpty());
    clock.advance(DELAY);
    assertEquals("s.2.0", permits.next().getPermit().getStepId());
    schedd.onCompleted();
  }

  @Test
  void scheddSession_withdraw_removesIdleStep() throws Exception {
    StreamObserver<ScheddToNegotiator> schedd = stub.scheddSession(new Recorder<>());
    schedd.onNext(hello("s"));
    schedd.onNext(idle("s.1.0", 1));
    await(() -> registry.idleStepIds().contains("s.1.0"));
    schedd.onNext(ScheddToNegotiator.newBuilder().setWithdraw(WithdrawSteps.newBuilder().addStepIds("s.1.0")).build());
    await(() -> registry.idleStepIds().isEmpty());
    schedd.onCompleted();
  }

  @Test
  void scheddSession_firstMessageNotHello_closedWithInvalidArgument() throws Exception {
    Recorder<NegotiatorToSchedd> recorder = new Recorder<>();
    StreamObserver<ScheddToNegotiator> schedd = stub.scheddSession(recorder);
    schedd.onNext(idle("s.1.0", 1));
    Status status = recorder.status();
    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
    assertTrue(status.getDescription().contains("hello"), status.getDescription());
    assertEquals(java.util.List.of(), registry.idleStepIds());
  }

  @Test
  void scheddSession_helloWithoutName_closedWithInvalidArgument() throws Exception {
    Recorder<NegotiatorToSchedd> recorder = new Recorder<>();
    stub.scheddSession(recorder).onNext(hello(""));
    Status status = recorder.status();
    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
    assertEquals("ScheddHello.schedd_name is required", status.getDescription());
  }

  @Test
  void scheddSession_invalidStep_isSkippedAndSessionStaysOpen() throws Exception {
    Recorder<NegotiatorToSchedd> recorder = new Recorder<>();
    StreamObserver<ScheddToNegotiator> schedd = stub.scheddSession(recorder);
    schedd.onNext(hello("s"));
    schedd.onNext(idle("", 1));
    schedd.onNext(idle("s.2.0", 1));
    await(() -> registry.idleStepIds().contains("s.2.0"));
    assertFalse(recorder.end.isDone());
    schedd.onCompleted();
    assertEquals(Status.Code.OK, recorder.status().getCode());
  }

  @Test
  void scheddSession_ends_idleStepsForgotten() throws Exception {
    Recorder<NegotiatorToSchedd> recorder = new Recorder<>();
    StreamObserver<ScheddToNegotiator> schedd = stub.scheddSession(recorder);
    schedd.onNext(hello("s"));
    schedd.onNext(idle("s.1.0", 1));
    await(() -> !registry.idleStepIds().isEmpty());
    schedd.onError(new RuntimeException("schedd went away"));
    await(() -> registry.idleStepIds().isEmpty());
  }

  @Test
  void startdSession_adWithoutMachine_closedWithInvalidArgument() throws Exception {
    Recorder<NegotiatorToStartd> recorder = new Recorder<>();
    stub.startdSession(recorder).onNext(StartdToNegotiator.newBuilder().setAd(ad("", 4)).build());
    Status status = recorder.status();
    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
    assertEquals("MachineAd.machine is required", status.getDescription());
    assertTrue(registry.machines().isEmpty());
  }

  @Test
  void startdSession_streamEnds_machineDown() throws Exception {
    Recorder<NegotiatorToStartd> recorder = new Recorder<>();
    StreamObserver<StartdToNegotiator> startd = startd("m1", 4, recorder);
    startd.onCompleted();
    await(() -> !registry.machines().get(0).up());
    assertEquals(Status.Code.OK, recorder.status().getCode());
  }

  @Test
  void queryMachines_reportsAdsWithoutSecretAndFreeCpus() throws Exception {
    StreamObserver<StartdToNegotiator> startd = stub.startdSession(new Recorder<>());
    startd.onNext(StartdToNegotiator.newBuilder()
        .setAd(ad("m2", 4, RunningStep.newBuilder().setStepId("s.9.0").setCpus(3).build())).build());
    startd("m1", 2, new Recorder<>());
    await(() -> registry.machines().size() == 2);

    var response = NegotiatorGrpc.newBlockingStub(channel).queryMachines(QueryMachinesRequest.getDefaultInstance());
    assertEquals(java.util.List.of("m1", "m2"), response.getMachinesList().stream().map(m -> m.getAd().getMachine()).toList());
    MachineStatus m2 = response.getMachines(1);
    assertTrue(m2.getUp());
    assertEquals(1, m2.getFreeCpus());
    assertEquals("", m2.getAd().getClaimSecret());
    assertEquals("s.9.0", m2.getAd().getRunning(0).getStepId());
    assertEquals(clock.instant().getEpochSecond(), m2.getLastHeard().getSeconds());
  }

  @Test
  void scheddSession_dispatchedSteps_rebuildAllocations_andQueryMachinesShowsThem() throws Exception {
    startd("m1", 4, new Recorder<>());
    startd("m2", 2, new Recorder<>());
    StreamObserver<ScheddToNegotiator> schedd = stub.scheddSession(new Recorder<>());
    schedd.onNext(hello("s"));
    schedd.onNext(ScheddToNegotiator.newBuilder().setDispatched(org.openll.api.v1.DispatchedSteps.newBuilder()
        .addSteps(org.openll.api.v1.DispatchedStep.newBuilder()
            .setStep(IdleStep.newBuilder().setStepId("s.1.0").setOwner("alice").setJobClass("small").setCpus(3))
            .addAllocation(org.openll.api.v1.MachineAllocation.newBuilder().setMachine("m1").setTasks(3).setCpus(3)))
        .addSteps(org.openll.api.v1.DispatchedStep.newBuilder().setStep(IdleStep.newBuilder().setStepId(""))))
        .build());
    await(() -> registry.allocations().size() == 1);

    var response = NegotiatorGrpc.newBlockingStub(channel).queryMachines(
        QueryMachinesRequest.newBuilder().addMachines("m1").build());

    assertEquals(1, response.getMachinesCount());
    MachineStatus m1 = response.getMachines(0);
    assertEquals(1, m1.getFreeCpus());
    assertEquals(1, m1.getRunningSteps());
    assertEquals(3, m1.getRunningTasks());
    schedd.onCompleted();
  }

  @Test
  void explainSteps_afterCycle_unknownStepNotKnown() throws Exception {
    runner.runCycle();
    var response = NegotiatorGrpc.newBlockingStub(channel).explainSteps(
        org.openll.api.v1.ExplainStepsRequest.newBuilder().addStepIds("s.9.0").build());
    assertEquals(1, response.getStepsCount());
    assertFalse(response.getSteps(0).getKnown());
    assertEquals(clock.instant().getEpochSecond(), response.getConsideredAt().getSeconds());
    assertEquals("LL_DEFAULT", response.getSchedulerType());
  }

  @Test
  void queryClassesAndFairShare_answer() throws Exception {
    startd("m1", 4, new Recorder<>());
    var classes = NegotiatorGrpc.newBlockingStub(channel).queryClasses(
        org.openll.api.v1.QueryClassesRequest.getDefaultInstance());
    assertEquals(0, classes.getClassesCount(), "no admin class and m1 runs any class");
    var fairShare = NegotiatorGrpc.newBlockingStub(channel).queryFairShare(
        org.openll.api.v1.QueryFairShareRequest.getDefaultInstance());
    assertEquals(0, fairShare.getTotalShares());
    assertEquals(168.0, fairShare.getIntervalHours());
  }

  @Test
  void favorSteps_notAdministrator_permissionDenied_administratorFavors() {
    var request = org.openll.api.v1.FavorStepsRequest.newBuilder().addStepIds("s.1").build();
    var e = org.junit.jupiter.api.Assertions.assertThrows(io.grpc.StatusRuntimeException.class,
        () -> TestCallers.as(NegotiatorGrpc.newBlockingStub(channel), "alice").favorSteps(request));
    assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    assertEquals("user alice is not a LoadLeveler administrator (LOADL_ADMIN) and may not favor steps",
        e.getStatus().getDescription());
    // naming an administrator as requester does not help
    assertEquals(Status.Code.PERMISSION_DENIED, org.junit.jupiter.api.Assertions.assertThrows(
        io.grpc.StatusRuntimeException.class, () -> TestCallers.as(NegotiatorGrpc.newBlockingStub(channel), "alice")
            .favorSteps(request.toBuilder().setRequester(System.getProperty("user.name")).build())).getStatus().getCode());

    var favored = TestCallers.as(NegotiatorGrpc.newBlockingStub(channel), System.getProperty("user.name")).favorSteps(request);
    assertEquals(java.util.List.of("s.1"), favored.getFavoredStepIdsList());
  }

  @Test
  void startdSession_adOfAnotherMachineThanTheCertificate_permissionDenied_itsOwnJoins() throws Exception {
    Recorder<NegotiatorToStartd> refused = new Recorder<>();
    TestCallers.as(NegotiatorGrpc.newStub(channel), TestCallers.daemon("m2")).startdSession(refused)
        .onNext(StartdToNegotiator.newBuilder().setAd(ad("m1", 4)).build());
    assertEquals(Status.Code.PERMISSION_DENIED, refused.status().getCode());
    assertEquals("the certificate of machine m2 may not advertise machine m1",
        refused.status().getDescription());
    assertTrue(registry.machines().isEmpty());

    TestCallers.as(NegotiatorGrpc.newStub(channel), TestCallers.daemon("m1")).startdSession(new Recorder<>())
        .onNext(StartdToNegotiator.newBuilder().setAd(ad("m1", 4)).build());
    await(() -> registry.machines().size() == 1);
  }

  @Test
  void scheddSession_helloOfAnotherScheddOrFromAUserOrAnonymous_refused() throws Exception {
    Recorder<NegotiatorToSchedd> other = new Recorder<>();
    TestCallers.as(NegotiatorGrpc.newStub(channel), TestCallers.daemon("s2")).scheddSession(other).onNext(hello("s"));
    assertEquals(Status.Code.PERMISSION_DENIED, other.status().getCode());
    assertEquals("the certificate of machine s2 may not open the session of schedd s", other.status().getDescription());

    Recorder<NegotiatorToSchedd> user = new Recorder<>();
    TestCallers.as(NegotiatorGrpc.newStub(channel), "s").scheddSession(user).onNext(hello("s"));
    assertEquals(Status.Code.PERMISSION_DENIED, user.status().getCode());

    Recorder<NegotiatorToSchedd> anonymous = new Recorder<>();
    NegotiatorGrpc.newStub(channel).scheddSession(anonymous).onNext(hello("s"));
    assertEquals(Status.Code.UNAUTHENTICATED, anonymous.status().getCode());

    Recorder<NegotiatorToSchedd> own = new Recorder<>();
    StreamObserver<ScheddToNegotiator> session = TestCallers.as(NegotiatorGrpc.newStub(channel), TestCallers.daemon("s"))
        .scheddSession(own);
    session.onNext(hello("s"));
    session.onNext(idle("s.1.0", 1));
    await(() -> registry.idleStepIds().contains("s.1.0"));
  }
}
