package org.openll.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.DaemonControlGrpc;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StatusRequest;
import org.openll.api.v1.ReportStepUpdatesRequest;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.control.DaemonControlService;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.Role;

/**
 * A daemon's Unix-domain socket: the kernel's peer credentials reach the call as its Caller through
 * grpc-netty-shaded's internal negotiator hooks (this test pins that path against grpc upgrades),
 * daemon-only methods are refused there, and the socket file's life follows the daemon's.
 */
class UnixSocketServerTest {
  @TempDir Path root;
  private GrpcServerService server;

  private static final class Schedd extends ScheddGrpc.ScheddImplBase {}

  private GrpcServerService start(ClusterHome home) {
    GrpcServerService service = new GrpcServerService("schedd", home, new HostPort("127.0.0.1", 0),
        List.of(new DaemonControlService("schedd", List::of), new Schedd()), Duration.ofSeconds(1),
        ClusterTls.selfIssued(home, Role.SCHEDD, "cm"));
    service.startAsync().awaitRunning();
    return service;
  }

  @AfterEach
  void stop() {
    if (server != null && server.isRunning()) {
      server.stopAsync().awaitTerminated();
    }
  }

  private static ManagedChannel socketChannel(Path socket) {
    return Grpc.newChannelBuilder("unix://" + socket, InsecureChannelCredentials.create()).build();
  }

  @Test
  void callOverTheSocket_runsAsTheConnectingUid_withoutAnyCertificate() throws Exception {
    ClusterHome home = new ClusterHome(root.resolve("home"));
    server = start(home);
    Path socket = GrpcServerService.socketPath(home, "schedd");
    assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));

    ManagedChannel channel = socketChannel(socket);
    try {
      String caller = DaemonControlGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .status(StatusRequest.getDefaultInstance()).getCaller();
      assertEquals(System.getProperty("user.name") + " (unix socket)", caller);
      assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus());
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void daemonOnlyMethodOverTheSocket_permissionDenied() {
    ClusterHome home = new ClusterHome(root.resolve("home"));
    server = start(home);
    ManagedChannel channel = socketChannel(GrpcServerService.socketPath(home, "schedd"));
    try {
      StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> ScheddGrpc
          .newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).reportStepUpdates(ReportStepUpdatesRequest.getDefaultInstance()));
      assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
      assertTrue(refused.getStatus().getDescription().contains("reserved to the startd"),
          refused.getStatus().getDescription());
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void staleSocketOfAKilledDaemon_replaced_removedAtStop() throws Exception {
    ClusterHome home = new ClusterHome(root.resolve("home"));
    Path socket = GrpcServerService.socketPath(home, "schedd");
    Files.createDirectories(socket.getParent());
    ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    stale.bind(UnixDomainSocketAddress.of(socket));
    stale.close(); // the file stays, nobody accepts: what kill -9 leaves
    assertTrue(Files.exists(socket));

    server = start(home);
    assertTrue(UnixSocketServer.answers(socket));
    server.stopAsync().awaitTerminated();
    assertFalse(Files.exists(socket));
  }

  @Test
  void socketServedByALiveProcess_failsTheStart() throws Exception {
    ClusterHome home = new ClusterHome(root.resolve("home"));
    Path socket = GrpcServerService.socketPath(home, "schedd");
    Files.createDirectories(socket.getParent());
    try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      live.bind(UnixDomainSocketAddress.of(socket));
      GrpcServerService second = new GrpcServerService("schedd", home, new HostPort("127.0.0.1", 0),
          List.of(new Schedd()), Duration.ofSeconds(1), ClusterTls.selfIssued(home, Role.SCHEDD, "cm"));
      IllegalStateException failed = assertThrows(IllegalStateException.class,
          () -> second.startAsync().awaitRunning());
      assertTrue(failed.getCause().getMessage().contains("another process serves " + socket),
          failed.getCause().getMessage());
    }
  }
}
