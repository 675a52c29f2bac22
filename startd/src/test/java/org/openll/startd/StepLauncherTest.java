package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.CancelStepRequest;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StartdGrpc;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepUpdate;
import org.openll.common.authz.TestCallers;
import org.openll.common.errors.ErrorMappingInterceptor;

/** The launcher with real starter processes, relaying to an in-process schedd. */
class StepLauncherTest {
  @TempDir Path dir;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final MachineIdentity identity = new MachineIdentity("node1", 2, "s3cret");
  private final ClaimTable claims = new ClaimTable(identity);
  private FakeSchedd schedd;
  private ScheddReporter reporter;
  private StepLauncher launcher;
  private StarterLinkServer links;

  @BeforeEach
  void setUp() throws Exception {
    schedd = new FakeSchedd();
    reporter = new ScheddReporter("node1", FakeSchedd.channels(), timer,
        new ScheddReporter.Settings(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5), 100));
    launcher = new StepLauncher(claims, reporter, StarterCommand.forThisJvm(), dir.resolve("spool"), "node1",
        Duration.ofMillis(500), Clock.systemUTC());
    links = new StarterLinkServer(launcher.socket(), launcher);
    links.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    launcher.shutdown(Duration.ofSeconds(5));
    links.close();
    reporter.close();
    schedd.close();
    timer.shutdownNow();
  }

  private StartStepRequest request(String stepId, String executable, String... args) {
    return StartStepRequests.of(dir, schedd.name, stepId, executable, List.of(args));
  }

  /** The startd's gRPC service over {@code launcher}, with its interceptors, in process. */
  private record InProcessStartd(Server server, ManagedChannel channel) implements AutoCloseable {
    static InProcessStartd of(StepLauncher launcher) throws java.io.IOException {
      String name = InProcessServerBuilder.generateName();
      Server server = InProcessServerBuilder.forName(name).directExecutor()
          .addService(ServerInterceptors.intercept(new StartdService(launcher), new ErrorMappingInterceptor(),
              TestCallers.server()))
          .build().start();
      return new InProcessStartd(server, InProcessChannelBuilder.forName(name).directExecutor().build());
    }

    @Override
    public void close() {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }

  private List<StepState> statesOf(String stepId) {
    return schedd.committed().stream().filter(u -> u.getStepId().equals(stepId)).map(StepUpdate::getState).toList();
  }

  @Test
  void start_echo_relaysRunningCompletePendingCompletedThenCleansUp() throws Exception {
    launcher.start(request("h.1.0", "/bin/echo", "hi"));
    assertEquals(1, claims.freeCpus());

    Conditions.await(() -> statesOf("h.1.0").size() == 3 && claims.freeCpus() == 2, 30, "final update relayed");

    assertEquals(List.of(StepState.STEP_STATE_RUNNING, StepState.STEP_STATE_COMPLETE_PENDING,
        StepState.STEP_STATE_COMPLETED), statesOf("h.1.0"));
    StepUpdate last = schedd.committed().get(2);
    assertTrue(last.getResult().getLaunched());
    assertEquals(0, last.getResult().getExitCode());
    assertEquals("hi\n", Files.readString(dir.resolve("h.1.0.out")));
    Conditions.await(() -> !Files.exists(dir.resolve("spool").resolve("h.1.0")), 5, "spool folder deleted");
    assertEquals(List.of(), launcher.runningSteps());
  }

  @Test
  void start_followingAStepWhoseCompletedIsCommitted_takesItsCpusBeforeTheAcknowledgementArrives() throws Exception {
    launcher.start(request("h.1.0", "/bin/sleep", "60"));
    CompletableFuture<Throwable> followed = new CompletableFuture<>();
    schedd.listener = u -> {
      if (u.getStepId().equals("h.2.0") && u.getState() == StepState.STEP_STATE_COMPLETED) {
        // what a schedd that reuses the claim does once it has committed Completed, before it answers
        try {
          launcher.start(request("h.2.1", "/bin/true").toBuilder().setFollowsStepId("h.2.0").build());
          followed.complete(null);
        } catch (RuntimeException e) {
          followed.complete(e);
        }
      }
    };
    launcher.start(request("h.2.0", "/bin/true"));

    assertEquals(null, followed.get(30, TimeUnit.SECONDS), "no CPU was free but the followed step's");
    Conditions.await(() -> statesOf("h.2.1").contains(StepState.STEP_STATE_COMPLETED), 30, "h.2.1 completed");
    launcher.cancel("h.1.0", "done");
  }

  @Test
  void start_ownerUnknownWhenRunningAsOwner_refusedBeforeClaimOrStarter() throws Exception {
    java.nio.file.Path passwd = Files.writeString(dir.resolve("passwd"), "bob:x:1001:1001::/home/bob:/bin/sh\n");
    StepLauncher strict = new StepLauncher(claims, reporter, StarterCommand.forThisJvm(), dir.resolve("spool2"),
        "node1", Duration.ofMillis(500), Clock.systemUTC(), StarterSettings.minimal(dir.resolve("notify")),
        new OwnerPolicy(true, true, new org.openll.starter.UserAccounts(passwd), "node1"));

    org.openll.common.errors.OpenllException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.openll.common.errors.OpenllException.class, () -> strict.start(request("h.9.0", "/bin/true")));

    assertEquals(org.openll.common.errors.ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals("user alice unknown on node1", e.getMessage());
    assertEquals(2, claims.freeCpus());
    assertTrue(!Files.exists(dir.resolve("spool2").resolve("h.9.0")));
  }

  @Test
  void cancel_runningStep_relaysRemoved() throws Exception {
    launcher.start(request("h.2.0", "/bin/sleep", "60"));
    Conditions.await(() -> statesOf("h.2.0").contains(StepState.STEP_STATE_RUNNING), 30, "running");

    launcher.cancel("h.2.0", "test");

    Conditions.await(() -> statesOf("h.2.0").contains(StepState.STEP_STATE_REMOVED), 30, "removed");
    assertEquals(List.of(StepState.STEP_STATE_RUNNING, StepState.STEP_STATE_REMOVED), statesOf("h.2.0"));
    assertEquals(15, schedd.committed().get(1).getResult().getSignal());
  }

  @Test
  void grpc_wrongSecretAndUnknownCancel_mapToStatusCodes() throws Exception {
    try (InProcessStartd service = InProcessStartd.of(launcher)) {
      ManagedChannel channel = service.channel();
      StartdGrpc.StartdBlockingStub stub = TestCallers.as(StartdGrpc.newBlockingStub(channel), TestCallers.daemon("h"));
      StartStepRequest wrong = request("h.3.0", "/bin/true").toBuilder()
          .setPermit(ClaimTableTest.permit("h.3.0", "node1", "guess")).build();

      StatusRuntimeException denied = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
          () -> stub.startStep(wrong));
      StatusRuntimeException notFound = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
          () -> stub.cancelStep(CancelStepRequest.newBuilder().setStepId("h.9.0").build()));

      assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
      assertEquals(Status.Code.NOT_FOUND, notFound.getStatus().getCode());
      assertFalse(Files.exists(dir.resolve("spool").resolve("h.3.0")));
      assertEquals(Status.Code.UNAUTHENTICATED, org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
          () -> StartdGrpc.newBlockingStub(channel).cancelStep(CancelStepRequest.newBuilder().setStepId("h.9.0").build()))
          .getStatus().getCode());
    }
  }

  @Test
  void grpc_anotherSchedd_mayNotStartStepsInItsNameNorCancelItsSteps() throws Exception {
    try (InProcessStartd service = InProcessStartd.of(launcher)) {
      ManagedChannel channel = service.channel();
      StartdGrpc.StartdBlockingStub other = TestCallers.as(StartdGrpc.newBlockingStub(channel), TestCallers.daemon("other"));
      StatusRuntimeException start = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
          () -> other.startStep(request("h.5.0", "/bin/sleep", "60")));
      assertEquals(Status.Code.PERMISSION_DENIED, start.getStatus().getCode());
      assertEquals("the certificate of machine other may not start steps of schedd h", start.getStatus().getDescription());
      assertFalse(Files.exists(dir.resolve("spool").resolve("h.5.0")));

      launcher.start(request("h.5.0", "/bin/sleep", "60"));
      StatusRuntimeException cancel = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
          () -> other.cancelStep(CancelStepRequest.newBuilder().setStepId("h.5.0").build()));
      assertEquals(Status.Code.PERMISSION_DENIED, cancel.getStatus().getCode());
      assertEquals("the certificate of machine other may not cancel step h.5.0 of schedd h",
          cancel.getStatus().getDescription());

      TestCallers.as(StartdGrpc.newBlockingStub(channel), TestCallers.daemon("h"))
          .cancelStep(CancelStepRequest.newBuilder().setStepId("h.5.0").build());
      Conditions.await(() -> statesOf("h.5.0").contains(StepState.STEP_STATE_REMOVED), 30, "removed");
    }
  }

  @Test
  void shutdown_runningStep_leavesNoProcessAndRelaysRemoved() throws Exception {
    launcher.start(request("h.4.0", "/bin/sleep", "60"));
    Conditions.await(() -> statesOf("h.4.0").contains(StepState.STEP_STATE_RUNNING), 30, "running");
    List<ProcessHandle> tree = ProcessHandle.current().descendants().toList();
    assertTrue(tree.stream().anyMatch(p -> p.info().command().orElse("").endsWith("sleep")));

    launcher.shutdown(Duration.ofSeconds(5));

    assertTrue(statesOf("h.4.0").contains(StepState.STEP_STATE_REMOVED));
    assertTrue(tree.stream().noneMatch(ProcessHandle::isAlive));
  }
}
