package org.openll.common.grpc;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openll.common.security.PeerCredentialsNegotiator;

/**
 * A daemon's gRPC server on a Unix-domain socket ({@code run/NAME.sock}): the same services as its
 * TCP port, plaintext, for the commands of its machine. The socket is mode 0666 so that any local
 * user may connect; who connected comes from the kernel ({@link PeerCredentialsNegotiator}). A socket
 * left by a daemon killed with -9 (nothing accepts on it) is replaced; one a live process serves
 * fails the start.
 */
final class UnixSocketServer {
  /** sun_path holds 108 bytes with the terminating NUL. */
  static final int MAX_PATH_BYTES = 107;

  private final Path socket;
  private final EventLoopGroup group;
  private final Server server;

  private UnixSocketServer(Path socket, EventLoopGroup group, Server server) {
    this.socket = socket;
    this.group = group;
    this.server = server;
  }

  /** Why {@code socket} cannot be served here; empty when it can. */
  static java.util.Optional<String> unusable(Path socket) {
    if (!Epoll.isAvailable()) {
      return java.util.Optional.of("epoll is not available (" + Epoll.unavailabilityCause() + ")");
    }
    if (socket.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      return java.util.Optional.of("its path is longer than " + MAX_PATH_BYTES + " bytes");
    }
    return java.util.Optional.empty();
  }

  /** Listens on {@code socket} with {@code services}, replacing a stale socket file. */
  static UnixSocketServer start(Path socket, List<ServerServiceDefinition> services, int maxInboundBytes,
      int maxCallsPerConnection) throws IOException {
    Files.createDirectories(socket.getParent());
    if (Files.exists(socket)) {
      if (answers(socket)) {
        throw new IOException("another process serves " + socket + ": is this daemon running already?");
      }
      Files.delete(socket);
    }
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    try {
      NettyServerBuilder builder = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
          .channelType(EpollServerDomainSocketChannel.class)
          .bossEventLoopGroup(group)
          .workerEventLoopGroup(group)
          .protocolNegotiator(new PeerCredentialsNegotiator())
          .maxInboundMessageSize(maxInboundBytes)
          .maxConcurrentCallsPerConnection(maxCallsPerConnection)
          .permitKeepAliveTime(10, TimeUnit.SECONDS);
      services.forEach(builder::addService);
      Server server = builder.build().start();
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
      return new UnixSocketServer(socket, group, server);
    } catch (IOException | RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
  }

  /** Whether a process accepts connections on {@code socket}. */
  static boolean answers(Path socket) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      return channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  Path socket() {
    return socket;
  }

  /** Refuses new calls; the caller then waits with {@link #awaitTermination}. */
  void shutdown() {
    server.shutdown();
  }

  void awaitTermination(Duration grace) throws InterruptedException {
    if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      server.shutdownNow();
      server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }
    group.shutdownGracefully(0, grace.toMillis(), TimeUnit.MILLISECONDS);
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // a leftover socket is replaced at the next start
    }
  }
}
