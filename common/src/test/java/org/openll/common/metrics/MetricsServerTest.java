package org.openll.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsServerTest {
  @TempDir Path run;

  @Test
  void started_ephemeralPort_servesRegistryOnLoopbackAndPublishesAddress() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter.builder().name("openll_test_events").help("test").register(registry).inc(3);
    MetricsServer server = new MetricsServer("schedd", run, new MetricsSettings(true, 0), registry);
    server.startAsync().awaitRunning();
    try {
      String address = MetricsServer.readAddress(run, "schedd").orElseThrow();
      assertEquals("127.0.0.1:" + server.port().orElseThrow(), address);

      String text = get("http://" + address + "/metrics");

      assertEquals(3.0, MetricsText.value(text, "openll_test_events_total").orElseThrow());
      assertTrue(text.contains("jvm_memory_used_bytes"), "JVM metrics are served too");
    } finally {
      server.stopAsync().awaitTerminated();
    }
    assertFalse(Files.exists(MetricsServer.addressFile(run, "schedd")), "address withdrawn at stop");
  }

  @Test
  void started_metricsOff_servesNothingPublishesNothing() {
    MetricsServer server = new MetricsServer("negotiator", run, MetricsSettings.off(), new PrometheusRegistry());
    server.startAsync().awaitRunning();
    try {
      assertTrue(server.port().isEmpty());
      assertTrue(MetricsServer.readAddress(run, "negotiator").isEmpty());
    } finally {
      server.stopAsync().awaitTerminated();
    }
  }

  @Test
  void started_portTaken_runsWithoutMetricsPublishesNothing() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      MetricsServer server = new MetricsServer("schedd", run, new MetricsSettings(true, taken.getLocalPort()),
          new PrometheusRegistry());
      server.startAsync().awaitRunning();
      try {
        assertTrue(server.port().isEmpty());
        assertTrue(MetricsServer.readAddress(run, "schedd").isEmpty());
      } finally {
        server.stopAsync().awaitTerminated();
      }
    }
  }

  static String get(String url) throws Exception {
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      return response.body();
    }
  }
}
