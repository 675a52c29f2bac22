package org.openll.common.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;
import org.openll.common.security.ClusterTls;

/** Client channels to daemons, with the credentials of {@link ClusterTls} (mutual TLS unless switched off). */
public final class Channels {
  private Channels() {}

  public static ManagedChannel open(HostPort target, ClusterTls tls) {
    return NettyChannelBuilder.forAddress(target.host(), target.port(), tls.channelCredentials())
        .keepAliveTime(30, TimeUnit.SECONDS)
        .build();
  }

  /** Closes {@code channel}, waiting briefly for calls in flight. */
  public static void close(ManagedChannel channel) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
