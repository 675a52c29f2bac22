package org.openll.common.grpc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChannelsTest {
  @Test
  void open_daemonBackAfterManyFailedAttempts_reconnectsWithinTheCeilingNotGrpcsGrownBackoff() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ManagedChannel channel = Channels.open(new HostPort("127.0.0.1", port), org.openll.common.security.ClusterTls.insecure());
    Server server = null;
    try {
      // attempts fail for 9.5 s: gRPC's own backoff (1 s, x1.6, +-20%) would next wait about 6.5 s
      long failUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(9_500);
      while (System.nanoTime() < failUntil) {
        channel.getState(true);
        TimeUnit.MILLISECONDS.sleep(50);
      }
      server = NettyServerBuilder.forPort(port).build().start();
      long back = System.nanoTime();
      while (channel.getState(true) != ConnectivityState.READY
          && System.nanoTime() - back < TimeUnit.SECONDS.toNanos(15)) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
      assertTrue(millis < Channels.MAX_RECONNECT_BACKOFF.toMillis() + 1_500,
          "reconnected " + millis + " ms after the daemon came back");
    } finally {
      Channels.close(channel);
      if (server != null) {
        server.shutdownNow();
      }
    }
  }
}
