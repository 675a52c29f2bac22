package org.openll.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.QueryMachinesRequest;
import org.openll.api.v1.QueryMachinesResponse;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.Role;
import org.openll.common.errors.OpenllException;

class GrpcServerServiceTest {
  @TempDir Path root;

  /** A service whose only method fails with a domain error, to see the mapping. */
  private static final class FailingNegotiator extends NegotiatorGrpc.NegotiatorImplBase {
    @Override
    public void queryMachines(QueryMachinesRequest request, StreamObserver<QueryMachinesResponse> response) {
      throw OpenllException.notFound("no machine named m1");
    }
  }

  @Test
  void startedServer_publishesAddress_servesHealthReflectionAndMappedErrors() throws Exception {
    ClusterHome home = new ClusterHome(root);
    GrpcServerService server = new GrpcServerService("negotiator", home, new HostPort("127.0.0.1", 0),
        List.of(new FailingNegotiator()), Duration.ofSeconds(1), ClusterTls.selfIssued(home, Role.NEGOTIATOR, "cm"));
    server.startAsync().awaitRunning();
    ManagedChannel channel = Channels.open(server.boundAddress(), ClusterTls.selfIssued(home, Role.CLIENT, "alice"));
    try {
      assertEquals(server.boundAddress().toString(), home.readAddress("negotiator").orElseThrow());

      ServingStatus health = HealthGrpc.newBlockingStub(channel)
          .check(HealthCheckRequest.newBuilder().setService("openll.v1.Negotiator").build()).getStatus();
      assertEquals(ServingStatus.SERVING, health);

      StatusRuntimeException error = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
          () -> NegotiatorGrpc.newBlockingStub(channel).queryMachines(QueryMachinesRequest.getDefaultInstance()));
      assertEquals(Status.Code.NOT_FOUND, error.getStatus().getCode());
      assertEquals("no machine named m1", error.getStatus().getDescription());

      assertTrue(listServices(channel).contains("openll.v1.Negotiator"));
    } finally {
      channel.shutdownNow();
      server.stopAsync().awaitTerminated();
    }
    assertFalse(home.readAddress("negotiator").isPresent());
  }

  @Test
  void garbageRequestBytes_invalidArgument_unknownFieldsAccepted_andTheServerServesOn() throws Exception {
    ClusterHome home = new ClusterHome(root);
    GrpcServerService server = new GrpcServerService("negotiator", home, new HostPort("127.0.0.1", 0),
        List.of(new FailingNegotiator()), Duration.ofSeconds(1), ClusterTls.selfIssued(home, Role.NEGOTIATOR, "cm"));
    server.startAsync().awaitRunning();
    ManagedChannel channel = Channels.open(server.boundAddress(), ClusterTls.selfIssued(home, Role.CLIENT, "alice"));
    try {
      // field 1 as a length-delimited string that claims 100 bytes and ends after 2: no message
      StatusRuntimeException garbage = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
          () -> rawCall(channel, new byte[] {0x0a, 100, 'x', 'y'}));
      assertEquals(Status.Code.INVALID_ARGUMENT, garbage.getStatus().getCode(), garbage.getStatus().toString());
      assertTrue(garbage.getStatus().getDescription().contains("QueryMachines"), garbage.getStatus().getDescription());

      // a field this version does not know (number 99, varint 7): parsed and ignored, the handler runs
      StatusRuntimeException unknownField = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
          () -> rawCall(channel, new byte[] {(byte) 0x98, 0x06, 7}));
      assertEquals(Status.Code.NOT_FOUND, unknownField.getStatus().getCode());

      assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel)
          .check(HealthCheckRequest.newBuilder().setService("").build()).getStatus());
    } finally {
      channel.shutdownNow();
      server.stopAsync().awaitTerminated();
    }
  }

  /** Sends {@code bytes} as the request of Negotiator.QueryMachines, bypassing the client's marshaller. */
  private static byte[] rawCall(ManagedChannel channel, byte[] bytes) {
    io.grpc.MethodDescriptor<byte[], byte[]> method = RawBytes.of(NegotiatorGrpc.getQueryMachinesMethod());
    return io.grpc.stub.ClientCalls.blockingUnaryCall(channel, method, io.grpc.CallOptions.DEFAULT, bytes);
  }

  private static List<String> listServices(ManagedChannel channel) throws Exception {
    CompletableFuture<List<String>> services = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
        .serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse response) {
            services.complete(response.getListServicesResponse().getServiceList().stream()
                .map(s -> s.getName()).toList());
          }

          @Override
          public void onError(Throwable t) {
            services.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    List<String> names = services.get(10, TimeUnit.SECONDS);
    requests.onCompleted();
    return names;
  }
}
