package org.openll.cli;

import io.grpc.ManagedChannel;
import java.util.Map;
import java.util.Optional;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.grpc.HostPort;

/** Opens the channel to a daemon; tests substitute in-process channels. */
@FunctionalInterface
public interface ChannelFactory {
  /**
   * A channel to the daemon at its published TCP address.
   *
   * @throws java.io.UncheckedIOException when TLS is on and neither a token nor the user's client
   *     certificate can be had
   */
  ManagedChannel open(HostPort address);

  /**
   * A channel to {@code daemonName}'s Unix-domain socket on this machine ({@code run/NAME.sock})
   * when the daemon serves one; empty otherwise, and for factories without sockets (tests).
   */
  default Optional<ManagedChannel> openLocal(String daemonName) {
    return Optional.empty();
  }

  /** {@link DaemonChannels} of {@code home} for {@code user}, without token variables. */
  static ChannelFactory netty(ClusterHome home, String user) {
    return new DaemonChannels(home, user, Map.of());
  }

  /** {@link DaemonChannels} of {@code home} for {@code user}, who may name a token in {@code env}. */
  static ChannelFactory netty(ClusterHome home, String user, Map<String, String> env) {
    return new DaemonChannels(home, user, env);
  }
}
