package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CompositeChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.control.DaemonControlService;
import org.openll.common.grpc.GrpcServerService;
import org.openll.common.grpc.HostPort;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.Role;

/** Which way a command reaches a daemon, and with which credentials. */
class DaemonChannelsTest {
  @TempDir Path root;

  private ClusterHome homeWithCa() {
    ClusterHome home = new ClusterHome(root.resolve("home"));
    ClusterTls.selfIssued(home, Role.SCHEDD, "cm");
    return home;
  }

  @Test
  void credentials_tokenVariable_thenTokenFileVariable_thenTokensFolder_thenCertificate() throws Exception {
    ClusterHome home = homeWithCa();
    assertInstanceOf(TlsChannelCredentials.class, DaemonChannels.credentials(home, "alice", Map.of()));

    Files.createDirectories(home.root().resolve("tokens"));
    Files.writeString(home.root().resolve("tokens/alice.token"), "a.b.c\n");
    assertInstanceOf(CompositeChannelCredentials.class, DaemonChannels.credentials(home, "alice", Map.of()));
    assertInstanceOf(CompositeChannelCredentials.class,
        DaemonChannels.credentials(home, "alice", Map.of("OPENLL_TOKEN", "x.y.z")));

    java.io.IOException unreadable = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> DaemonChannels.credentials(home, "alice", Map.of("OPENLL_TOKEN_FILE", root.resolve("none").toString())));
    assertTrue(unreadable.getMessage().startsWith("cannot read the token file OPENLL_TOKEN_FILE " + root.resolve("none")),
        unreadable.getMessage());
  }

  @Test
  void credentials_insecureSwitch_plaintextEvenWithAToken() throws Exception {
    ClusterHome home = new ClusterHome(root.resolve("home"));
    Files.createDirectories(home.root());
    Files.writeString(home.configFile(), "OPENLL_INSECURE = true\n");
    assertInstanceOf(InsecureChannelCredentials.class,
        DaemonChannels.credentials(home, "alice", Map.of("OPENLL_TOKEN", "x.y.z")));
  }

  @Test
  void openLocal_noSocket_orAStaleOne_empty() throws Exception {
    ClusterHome home = homeWithCa();
    DaemonChannels channels = new DaemonChannels(home, "alice", Map.of());
    assertEquals(Optional.empty(), channels.openLocal("schedd"));

    Path socket = GrpcServerService.socketPath(home, "schedd");
    Files.createDirectories(socket.getParent());
    ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    stale.bind(UnixDomainSocketAddress.of(socket));
    stale.close();
    assertTrue(Files.exists(socket));
    assertEquals(Optional.empty(), channels.openLocal("schedd"));
  }

  @Test
  void whoami_servedSocket_usedWithoutCertificate_daemonSeesTheUid() throws Exception {
    ClusterHome home = homeWithCa();
    GrpcServerService server = new GrpcServerService("schedd", home, new HostPort("127.0.0.1", 0),
        List.of(new DaemonControlService("schedd", List::of)), Duration.ofSeconds(1),
        ClusterTls.selfIssued(home, Role.SCHEDD, "cm"));
    server.startAsync().awaitRunning();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit;
      try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
          PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
        // a user with no certificate and no token: only the socket can work
        CliContext context = new CliContext(o, e, new ByteArrayInputStream(new byte[0]),
            Map.of(ClusterHome.ENV, home.root().toString()), root, "nobody-here", "/", Clock.systemUTC(),
            ChannelFactory.netty(home, "nobody-here"), Duration.ofSeconds(10));
        exit = LlMain.run("llctl", new String[] {"whoami"}, context);
      }
      assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
      assertEquals(System.getProperty("user.name") + " (unix socket) to the schedd at unix:"
          + home.commandSocket("schedd") + "\n", out.toString(StandardCharsets.UTF_8));
      // the daemon's gRPC socket answers too, for clients that speak plain gRPC
      ManagedChannel grpcSocket = new DaemonChannels(home, "alice", Map.of()).openLocal("schedd").orElseThrow();
      assertEquals(System.getProperty("user.name") + " (unix socket)", org.openll.api.v1.DaemonControlGrpc
          .newBlockingStub(grpcSocket).withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
          .status(org.openll.api.v1.StatusRequest.getDefaultInstance()).getCaller());
      grpcSocket.shutdownNow();
      assertTrue(!Files.exists(SecurityFilesOf(home)), "no client certificate was issued");
    } finally {
      server.stopAsync().awaitTerminated();
    }
  }

  private static Path SecurityFilesOf(ClusterHome home) {
    return org.openll.common.security.SecurityFiles.of(home).cert(Role.CLIENT, "nobody-here");
  }
}
