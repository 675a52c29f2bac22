package org.openll.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.DaemonControlGrpc;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.ReportStepUpdatesRequest;
import org.openll.api.v1.StatusRequest;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.control.DaemonControlService;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.GrpcServerService;
import org.openll.common.grpc.HostPort;

/**
 * A real TLS daemon and tokens as call credentials: a valid token is a user without a client
 * certificate, and wins over one; forged, expired and other-cluster tokens, and calls with neither,
 * are UNAUTHENTICATED with the reason; a token never opens a daemon-only method.
 */
class TokenAuthenticationTest {
  @TempDir Path root;
  private ClusterHome home;
  private GrpcServerService server;
  private CertificateAuthority ca;

  private static final class Schedd extends ScheddGrpc.ScheddImplBase {}

  @BeforeEach
  void start() throws Exception {
    home = new ClusterHome(root.resolve("home"));
    server = new GrpcServerService("schedd", home, new HostPort("127.0.0.1", 0),
        List.of(new DaemonControlService("schedd", List::of), new Schedd()), Duration.ofSeconds(1),
        ClusterTls.selfIssued(home, Role.SCHEDD, "cm"));
    server.startAsync().awaitRunning();
    ca = CertificateAuthority.load(SecurityFiles.of(home), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.stopAsync().awaitTerminated();
  }

  private String token(CertificateAuthority signer, String user, Instant issued, Duration lifetime) {
    return TokenSigner.of(signer).issue(user, issued, lifetime);
  }

  /** The caller Status reports, or the status the call failed with. */
  private String whoami(ChannelCredentials credentials) {
    ManagedChannel channel = Channels.open(server.boundAddress(), credentials);
    try {
      return DaemonControlGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .status(StatusRequest.getDefaultInstance()).getCaller();
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode() + ": " + e.getStatus().getDescription();
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void validToken_withoutClientCertificate_callerIsTheTokensUser() throws Exception {
    String token = token(ca, "alice", Instant.now(), Duration.ofHours(1));
    assertEquals("alice (token)", whoami(ClusterTls.tokenCredentials(home, token)));
  }

  @Test
  void tokenAndClientCertificate_tokenWins() {
    String token = token(ca, "alice", Instant.now(), Duration.ofHours(1));
    ChannelCredentials both = CompositeChannelCredentials.create(
        ClusterTls.selfIssued(home, Role.CLIENT, "bob").channelCredentials(), new BearerToken(token));
    assertEquals("alice (token)", whoami(both));
    assertEquals("bob (client certificate)", whoami(ClusterTls.selfIssued(home, Role.CLIENT, "bob").channelCredentials()));
  }

  @Test
  void expiredToken_unauthenticatedWithTheReason() throws Exception {
    String token = token(ca, "alice", Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
    String answer = whoami(ClusterTls.tokenCredentials(home, token));
    assertTrue(answer.startsWith("UNAUTHENTICATED: openll.v1.DaemonControl/Status: token of alice expired at "), answer);
  }

  @Test
  void forgedToken_unauthenticated() throws Exception {
    String token = token(ca, "alice", Instant.now(), Duration.ofHours(1));
    String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertEquals("UNAUTHENTICATED: openll.v1.DaemonControl/Status: bad signature: the token was altered or forged",
        whoami(ClusterTls.tokenCredentials(home, forged)));
    assertEquals("UNAUTHENTICATED: openll.v1.DaemonControl/Status: malformed token: not three base64url parts"
        + " separated by '.'", whoami(ClusterTls.tokenCredentials(home, "not-a-token")));
  }

  @Test
  void tokenOfAnotherCluster_unauthenticated() throws Exception {
    CertificateAuthority other = CertificateAuthority.initialise(new SecurityFiles(root.resolve("other")), "x",
        Clock.systemUTC());
    String answer = whoami(ClusterTls.tokenCredentials(home, token(other, "alice", Instant.now(), Duration.ofHours(1))));
    assertTrue(answer.startsWith("UNAUTHENTICATED: openll.v1.DaemonControl/Status: token signed by another cluster's key"),
        answer);
  }

  @Test
  void neitherCertificateNorToken_unauthenticated() throws Exception {
    ChannelCredentials tlsOnly = TlsChannelCredentials.newBuilder()
        .trustManager(SecurityFiles.of(home).caCert().toFile()).build();
    assertEquals("UNAUTHENTICATED: openll.v1.DaemonControl/Status: no client certificate and no token", whoami(tlsOnly));
  }

  @Test
  void token_daemonOnlyMethod_permissionDenied() throws Exception {
    ManagedChannel channel = Channels.open(server.boundAddress(),
        ClusterTls.tokenCredentials(home, token(ca, "alice", Instant.now(), Duration.ofHours(1))));
    try {
      StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> ScheddGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS).reportStepUpdates(ReportStepUpdatesRequest.getDefaultInstance()));
      assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
      assertTrue(refused.getStatus().getDescription().contains("reserved to the startd certificate; a token names a user"),
          refused.getStatus().getDescription());
    } finally {
      channel.shutdownNow();
    }
  }
}
