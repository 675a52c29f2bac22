package org.openll.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GrpcCallMetricsTest {
  @Test
  void count_sameMethodAndCodeTwice_oneSeriesCountingTwo() {
    PrometheusRegistry registry = new PrometheusRegistry();
    GrpcCallMetrics metrics = new GrpcCallMetrics(registry);

    metrics.count("openll.v1.Schedd/Submit", Status.Code.OK);
    metrics.count("openll.v1.Schedd/Submit", Status.Code.OK);
    metrics.count("openll.v1.Schedd/Submit", Status.Code.INVALID_ARGUMENT);

    String text = MetricsText.render(registry);
    assertEquals(2.0, MetricsText.value(text,
        "openll_grpc_server_calls_total{code=\"OK\",method=\"openll.v1.Schedd/Submit\"}").orElseThrow(), text);
    assertEquals(1.0, MetricsText.value(text,
        "openll_grpc_server_calls_total{code=\"INVALID_ARGUMENT\",method=\"openll.v1.Schedd/Submit\"}").orElseThrow());
  }

  @Test
  void interceptCall_realCalls_countedByStatusSent() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    HealthStatusManager health = new HealthStatusManager();
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerInterceptors.intercept(health.getHealthService(), new GrpcCallMetrics(registry)))
        .build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      HealthGrpc.HealthBlockingStub stub = HealthGrpc.newBlockingStub(channel);
      stub.check(HealthCheckRequest.getDefaultInstance());
      try {
        stub.check(HealthCheckRequest.newBuilder().setService("no.such.Service").build());
      } catch (StatusRuntimeException expected) {
        // NOT_FOUND
      }
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    String text = MetricsText.render(registry);
    assertEquals(1.0, MetricsText.value(text,
        "openll_grpc_server_calls_total{code=\"OK\",method=\"grpc.health.v1.Health/Check\"}").orElseThrow(), text);
    assertEquals(1.0, MetricsText.value(text,
        "openll_grpc_server_calls_total{code=\"NOT_FOUND\",method=\"grpc.health.v1.Health/Check\"}").orElseThrow());
  }
}
