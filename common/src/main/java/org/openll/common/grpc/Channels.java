package org.openll.common.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;

/** Client channels to other daemons. Plaintext on loopback until mutual TLS lands. */
public final class Channels {
  private Channels() {}

  /**
   * The largest answer a client takes: an llq of some 100,000 steps. Bounded so that a broken or
   * hostile daemon cannot make a client buffer without limit; larger answers fail with
   * RESOURCE_EXHAUSTED.
   */
  public static final int MAX_INBOUND_RESPONSE_BYTES = 128 * 1024 * 1024;

  public static ManagedChannel open(HostPort target) {
    return NettyChannelBuilder.forAddress(target.host(), target.port())
        .usePlaintext()
        .keepAliveTime(30, TimeUnit.SECONDS)
        // hardening (issue 7.6): a dead peer is noticed within keepAliveTime + timeout, answers as large
        // as a full llq are taken, and the user is named for per-user rate limits
        .keepAliveTimeout(10, TimeUnit.SECONDS)
        .maxInboundMessageSize(MAX_INBOUND_RESPONSE_BYTES)
        .intercept(UserHeader.ofProcess())
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
