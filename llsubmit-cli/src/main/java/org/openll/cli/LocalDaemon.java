package org.openll.cli;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.openll.common.grpc.local.CommandSocketChannel;

/**
 * The command socket of a daemon of this machine, when one answers: a command then needs neither
 * netty nor TLS (docs/performance.md, "Commands"). A socket file whose daemon is gone, or one seen
 * through a shared folder from another machine, refuses the probe, and the command uses the
 * daemon's gRPC port. {@code OPENLL_COMMAND_SOCKET=off} always uses the port.
 */
final class LocalDaemon {
  private LocalDaemon() {}

  static Optional<ManagedChannel> channel(Path socket) {
    if ("off".equalsIgnoreCase(System.getenv("OPENLL_COMMAND_SOCKET")) || !Files.exists(socket)) {
      return Optional.empty();
    }
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(socket));
      return Optional.of(new CommandSocketChannel(socket));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
