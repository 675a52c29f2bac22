package org.openll.common.grpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.openll.common.security.ClusterTls;

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

  @Test
  void openInline_runsTheCallbacksOnTheConnectionsThread_openHandsThemToGrpcsExecutor() throws Exception {
    Server server = NettyServerBuilder.forPort(0).addService(new HealthStatusManager().getHealthService()).build().start();
    try {
      HostPort address = new HostPort("127.0.0.1", server.getPort());

      assertTrue(callbackThread(address, a -> Channels.open(a, ClusterTls.insecure())).startsWith("grpc-default-executor"));
      String inline = callbackThread(address, a -> Channels.openInline(a, ClusterTls.insecure()));
      assertFalse(inline.startsWith("grpc-default-executor"), inline);
      assertTrue(inline.contains("worker"), inline);
    } finally {
      server.shutdownNow();
    }
  }

  private static String callbackThread(HostPort address, Function<HostPort, ManagedChannel> open) throws Exception {
    ManagedChannel channel = open.apply(address);
    try {
      CompletableFuture<String> thread = new CompletableFuture<>();
      HealthGrpc.newStub(channel).check(HealthCheckRequest.getDefaultInstance(), new StreamObserver<HealthCheckResponse>() {
        @Override
        public void onNext(HealthCheckResponse value) {}

        @Override
        public void onError(Throwable t) {
          thread.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
          thread.complete(Thread.currentThread().getName());
        }
      });
      return thread.get(10, TimeUnit.SECONDS);
    } finally {
      Channels.close(channel);
    }
  }
}
