package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.NegotiatorToSchedd;
import org.openll.api.v1.NegotiatorToStartd;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.ScheddToNegotiator;
import org.openll.api.v1.StartdToNegotiator;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.cluster.HostNames;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.Role;
import org.openll.common.security.SecurityFiles;

/**
 * Mutual TLS between real daemons: {@code llctl start} creates the CA and every certificate; a
 * plaintext client or one from another CA does not get in; a startd certificate cannot open the
 * schedd's session; a startd of a machine LoadL_admin does not list is refused.
 */
class TlsTest {
  @TempDir static Path root;
  static TestCluster cluster;
  static ClusterHome home;

  @BeforeAll
  static void startCluster() {
    String host = HostNames.localName(System.getenv());
    cluster = TestCluster.start(root, 1, 1, "MACHINE_AUTHENTICATE = true\n", host + ": type = machine\n\nnode9: type = machine\n");
    home = new ClusterHome(cluster.home());
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static HostPort address(String daemon) {
    return HostPort.parse(home.readAddress(daemon).orElseThrow());
  }

  private static Status.Code querySteps(ClusterTls tls) {
    ManagedChannel channel = Channels.open(address("schedd"), tls);
    try {
      ScheddGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
          .querySteps(QueryStepsRequest.getDefaultInstance());
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    } finally {
      Channels.close(channel);
    }
  }

  /** Opens a session stream to the negotiator, sends one empty message and returns how it ended. */
  private static Status session(ClusterTls tls, boolean schedd) throws Exception {
    ManagedChannel channel = Channels.open(address("negotiator"), tls);
    try {
      CompletableFuture<Status> ended = new CompletableFuture<>();
      var stub = NegotiatorGrpc.newStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
      if (schedd) {
        stub.scheddSession(new Ending<NegotiatorToSchedd>(ended)).onNext(ScheddToNegotiator.getDefaultInstance());
      } else {
        stub.startdSession(new Ending<NegotiatorToStartd>(ended)).onNext(StartdToNegotiator.getDefaultInstance());
      }
      return ended.get(30, TimeUnit.SECONDS);
    } finally {
      channel.shutdownNow();
    }
  }

  private record Ending<T>(CompletableFuture<Status> ended) implements StreamObserver<T> {
    @Override
    public void onNext(T value) {}

    @Override
    public void onError(Throwable t) {
      ended.complete(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      ended.complete(Status.OK);
    }
  }

  @Test
  void personalCluster_createdCaAndCertificates_commandsAndClientsGetIn() throws Exception {
    SecurityFiles files = SecurityFiles.of(home);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.caKey())));
    assertTrue(Files.exists(files.cert(Role.CLIENT, System.getProperty("user.name"))));
    assertEquals(Status.Code.OK, querySteps(ClusterTls.forCurrentUser(home)));
    cluster.run("llq").requireSuccess();
    assertTrue(cluster.run("llctl", "ca", "init").requireSuccess().out().startsWith("the cluster CA exists"));
  }

  @Test
  void plaintextClient_fails() {
    assertEquals(Status.Code.UNAVAILABLE, querySteps(ClusterTls.insecure()));
  }

  @Test
  void clientCertificateOfAnotherCa_fails() {
    ClusterHome other = new ClusterHome(root.resolve("other-home"));
    assertEquals(Status.Code.UNAVAILABLE, querySteps(ClusterTls.selfIssued(other, Role.CLIENT, "alice")));
  }

  @Test
  void startdCertificate_openingScheddSession_permissionDenied() throws Exception {
    cluster.run("llctl", "cert", "issue", "--machine", "node9", "--role", "startd", "--san", "127.0.0.1")
        .requireSuccess();
    Status status = session(ClusterTls.forDaemon(home, Role.STARTD, "node9"), true);
    assertEquals(Status.Code.PERMISSION_DENIED, status.getCode(), status.toString());
    assertTrue(status.getDescription().contains("not a schedd certificate"), status.getDescription());
  }

  @Test
  void startdOfAMachineWithoutStanza_refused() throws Exception {
    cluster.run("llctl", "cert", "issue", "--machine", "rogue", "--role", "startd", "--san", "127.0.0.1")
        .requireSuccess();
    Status status = session(ClusterTls.forDaemon(home, Role.STARTD, "rogue"), false);
    assertEquals(Status.Code.PERMISSION_DENIED, status.getCode(), status.toString());
    assertTrue(status.getDescription().contains("machine rogue has no machine stanza"), status.getDescription());
  }
}
