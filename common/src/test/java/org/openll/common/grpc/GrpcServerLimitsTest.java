package org.openll.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.common.cluster.ClusterHome;

/** What every daemon's server does with requests it must not take: the codes a caller sees. */
class GrpcServerLimitsTest {

  /** Bytes no protobuf message parses from: field number 0. */
  private static final byte[] GARBAGE = {0x00, 0x01, 0x02};

  @TempDir Path root;
  private GrpcServerService server;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    server = new GrpcServerService("negotiator", new ClusterHome(root), new HostPort("127.0.0.1", 0),
        List.of(new NegotiatorGrpc.NegotiatorImplBase() {}), Duration.ofSeconds(1),
        org.openll.common.security.ClusterTls.insecure());
    server.startAsync().awaitRunning();
    channel = Channels.open(server.boundAddress(), org.openll.common.security.ClusterTls.insecure());
  }

  @AfterEach
  void stop() {
    Channels.close(channel);
    server.stopAsync().awaitTerminated();
  }

  private Status call(MethodDescriptor<?, ?> method, byte[] request) throws Exception {
    ClientCall<byte[], byte[]> call = channel.newCall(RawBytes.of(method),
        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
    CompletableFuture<Status> closed = new CompletableFuture<>();
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onClose(Status status, Metadata trailers) {
        closed.complete(status);
      }
    }, new Metadata());
    call.request(1);
    call.sendMessage(request);
    call.halfClose();
    return closed.get(20, TimeUnit.SECONDS);
  }

  @Test
  void healthCheck_bytesThatDoNotParse_invalidArgument() throws Exception {
    assertEquals(Status.Code.INVALID_ARGUMENT, call(HealthGrpc.getCheckMethod(), GARBAGE).getCode());
  }

  @Test
  void ownService_bytesThatDoNotParse_invalidArgument() throws Exception {
    assertEquals(Status.Code.INVALID_ARGUMENT, call(NegotiatorGrpc.getQueryMachinesMethod(), GARBAGE).getCode());
  }

  @Test
  void anyService_requestOverTheLimit_resourceExhausted() throws Exception {
    byte[] oversized = new byte[GrpcServerService.MAX_INBOUND_MESSAGE_BYTES + 1];
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, call(HealthGrpc.getCheckMethod(), oversized).getCode());
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, call(NegotiatorGrpc.getQueryMachinesMethod(), oversized).getCode());
  }
}
