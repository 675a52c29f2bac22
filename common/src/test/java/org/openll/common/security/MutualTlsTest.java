package org.openll.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.NegotiatorToSchedd;
import org.openll.api.v1.QueryMachinesRequest;
import org.openll.api.v1.QueryMachinesResponse;
import org.openll.api.v1.ScheddToNegotiator;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.GrpcServerService;
import org.openll.common.grpc.HostPort;

/** A real TLS server: who gets in, and what each role may call. */
class MutualTlsTest {
  @TempDir Path root;
  private ClusterHome home;
  private GrpcServerService server;

  /** Answers QueryMachines with an empty list; leaves the sessions unimplemented (UNIMPLEMENTED once admitted). */
  private static final class Negotiator extends NegotiatorGrpc.NegotiatorImplBase {
    @Override
    public void queryMachines(QueryMachinesRequest request, StreamObserver<QueryMachinesResponse> response) {
      response.onNext(QueryMachinesResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  @BeforeEach
  void start() {
    home = new ClusterHome(root.resolve("home"));
    server = new GrpcServerService("negotiator", home, new HostPort("127.0.0.1", 0), List.of(new Negotiator()),
        Duration.ofSeconds(1), ClusterTls.selfIssued(home, Role.NEGOTIATOR, "cm"));
    server.startAsync().awaitRunning();
  }

  @AfterEach
  void stop() {
    server.stopAsync().awaitTerminated();
  }

  private Status.Code queryMachines(ClusterTls tls) {
    ManagedChannel channel = Channels.open(server.boundAddress(), tls);
    try {
      NegotiatorGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .queryMachines(QueryMachinesRequest.getDefaultInstance());
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    } finally {
      channel.shutdownNow();
    }
  }

  private Status scheddSession(ClusterTls tls) throws Exception {
    ManagedChannel channel = Channels.open(server.boundAddress(), tls);
    try {
      CompletableFuture<Status> ended = new CompletableFuture<>();
      StreamObserver<ScheddToNegotiator> requests = NegotiatorGrpc.newStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS).scheddSession(new StreamObserver<NegotiatorToSchedd>() {
            @Override
            public void onNext(NegotiatorToSchedd value) {}

            @Override
            public void onError(Throwable t) {
              ended.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
              ended.complete(Status.OK);
            }
          });
      requests.onNext(ScheddToNegotiator.getDefaultInstance());
      return ended.get(20, TimeUnit.SECONDS);
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void clientCertificateOfTheClusterCa_served() {
    assertEquals(Status.Code.OK, queryMachines(ClusterTls.selfIssued(home, Role.CLIENT, "alice")));
  }

  @Test
  void plaintextClient_fails() {
    assertEquals(Status.Code.UNAVAILABLE, queryMachines(ClusterTls.insecure()));
  }

  @Test
  void clientCertificateOfAnotherCa_failsTheHandshake() {
    ClusterHome other = new ClusterHome(root.resolve("other"));
    assertEquals(Status.Code.UNAVAILABLE, queryMachines(ClusterTls.selfIssued(other, Role.CLIENT, "alice")));
  }

  @Test
  void startdCertificate_openingScheddSession_permissionDenied_scheddCertificateAdmitted() throws Exception {
    Status refused = scheddSession(ClusterTls.selfIssued(home, Role.STARTD, "node1"));
    assertEquals(Status.Code.PERMISSION_DENIED, refused.getCode(), refused.toString());
    assertTrue(refused.getDescription().contains("not a schedd certificate"), refused.getDescription());

    assertEquals(Status.Code.UNIMPLEMENTED, scheddSession(ClusterTls.selfIssued(home, Role.SCHEDD, "cm")).getCode());
  }

  @Test
  void scheddOfAMachineWithoutStanza_permissionDenied() throws Exception {
    Files.writeString(home.root().resolve("LoadL_admin"), "cm: type = machine\n");
    Files.writeString(home.configFile(), "MACHINE_AUTHENTICATE = true\n");
    assertEquals(Status.Code.PERMISSION_DENIED, scheddSession(ClusterTls.selfIssued(home, Role.SCHEDD, "rogue")).getCode());
  }

  @Test
  void insecureSwitch_plaintextServerServesPlaintextClients_notTlsOnes() throws Exception {
    stop();
    Files.writeString(home.configFile(), "OPENLL_INSECURE = true\n");
    server = new GrpcServerService("negotiator", home, new HostPort("127.0.0.1", 0), List.of(new Negotiator()),
        Duration.ofSeconds(1), ClusterTls.forDaemon(home, Role.NEGOTIATOR, "cm"));
    server.startAsync().awaitRunning();
    assertTrue(!ClusterTls.forClient(home, "alice").secure());
    assertEquals(Status.Code.OK, queryMachines(ClusterTls.forClient(home, "alice")));
    ClusterHome tlsHome = new ClusterHome(root.resolve("tls"));
    assertEquals(Status.Code.UNAVAILABLE, queryMachines(ClusterTls.selfIssued(tlsHome, Role.CLIENT, "alice")));
  }
}
