package org.openll.cli;

import com.google.common.base.Suppliers;
import io.grpc.ManagedChannel;
import java.util.function.Supplier;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;
import org.openll.common.security.ClusterTls;

/** Opens the channel to a daemon's published address; tests substitute in-process channels. */
@FunctionalInterface
public interface ChannelFactory {
  /**
   * @throws java.io.UncheckedIOException when TLS is on and {@code user}'s client certificate is
   *     missing and cannot be issued here
   */
  ManagedChannel open(HostPort address);

  /**
   * Netty channels with {@code user}'s client certificate of {@code home} ({@link ClusterTls#forClient}),
   * read at the first channel, so commands that reach no daemon need none.
   */
  static ChannelFactory netty(ClusterHome home, String user) {
    Supplier<ClusterTls> tls = Suppliers.memoize(() -> {
      try {
        return ClusterTls.forClient(home, user);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return address -> Channels.open(address, tls.get());
  }
}
