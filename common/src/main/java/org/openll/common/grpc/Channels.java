package org.openll.common.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;

/** Client channels to other daemons. Plaintext on loopback until mutual TLS lands. */
public final class Channels {
  private Channels() {}

  public static ManagedChannel open(HostPort target) {
    return NettyChannelBuilder.forAddress(target.host(), target.port())
        .usePlaintext()
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
