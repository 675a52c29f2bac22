package org.openll.negotiator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import java.util.Map;
import org.openll.common.metrics.MetricsText;
import org.openll.negotiator.match.Machine;
import org.openll.negotiator.match.PoolMachine;
import org.openll.negotiator.match.PoolSnapshot;
import org.openll.negotiator.match.SchedulingPolicy;

class CycleMetricsTest {
  private static Machine machine(String name) {
    return new Machine(name, name + ":9000", 4, 1024, "x86_64", "Linux", List.of(), List.of(), Map.of(), "s",
        0, 1_000_000, "", "0.1.0", Map.of(), "proc");
  }

  @Test
  void cycled_twoCycles_histogramCountsBothGaugesShowTheLast() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CycleMetrics metrics = new CycleMetrics(registry);
    PoolSnapshot snapshot = new PoolSnapshot(List.of(),
        List.of(new PoolMachine(machine("m1"), true),
            new PoolMachine(machine("m2"), false)),
        List.of(), SchedulingPolicy.defaults(), Instant.parse("2025-01-01T00:00:00Z"));

    metrics.cycled(snapshot, 2, 1_000_000);
    metrics.cycled(snapshot, 1, 3_000_000);
    String text = MetricsText.render(registry);

    assertEquals(2.0, MetricsText.value(text, "openll_negotiator_cycle_seconds_count").orElseThrow(), text);
    assertEquals(0.004, MetricsText.value(text, "openll_negotiator_cycle_seconds_sum").orElseThrow(), 1e-9);
    assertEquals(1.0, MetricsText.value(text, "openll_negotiator_machines_up").orElseThrow());
    assertEquals(0.0, MetricsText.value(text, "openll_negotiator_idle_steps").orElseThrow());
    assertEquals(3.0, MetricsText.value(text, "openll_negotiator_permits_total").orElseThrow());
  }

  @Test
  void sessionMetrics_scraped_readsTheOpenSessionsThen() {
    PrometheusRegistry registry = new PrometheusRegistry();
    java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger(1);
    SessionMetrics.register(registry, open::get);

    assertEquals(1.0, MetricsText.value(MetricsText.render(registry), "openll_negotiator_schedd_sessions").orElseThrow());
    open.set(0);
    assertEquals(0.0, MetricsText.value(MetricsText.render(registry), "openll_negotiator_schedd_sessions").orElseThrow());
  }
}
