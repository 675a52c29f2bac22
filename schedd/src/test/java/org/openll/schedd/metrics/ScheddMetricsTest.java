package org.openll.schedd.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;
import org.openll.common.metrics.MetricsText;
import org.openll.schedd.queue.StepStateCounts;

class ScheddMetricsTest {
  @Test
  void scrape_countsAndCommits_exposedUnderTheirNames() {
    PrometheusRegistry registry = new PrometheusRegistry();
    StepStateCounts counts = new StepStateCounts();
    ScheddMetrics metrics = new ScheddMetrics(registry, counts, () -> 3);

    metrics.commitTook(2_000_000);
    metrics.commitTook(4_000_000);
    String text = MetricsText.render(registry);

    assertEquals(0.0, MetricsText.value(text, "openll_schedd_queue_steps{state=\"idle\"}").orElseThrow(), text);
    assertEquals(0.0, MetricsText.value(text, "openll_schedd_queue_steps{state=\"running\"}").orElseThrow());
    assertEquals(0.0, MetricsText.value(text, "openll_schedd_steps_started_total").orElseThrow());
    assertEquals(0.0, MetricsText.value(text, "openll_schedd_steps_finished_total").orElseThrow());
    assertEquals(0.0, MetricsText.value(text, "openll_schedd_claims_reused_total").orElseThrow());
    assertEquals(3.0, MetricsText.value(text, "openll_schedd_watch_streams").orElseThrow());
    assertEquals(2.0, MetricsText.value(text, "openll_schedd_commit_seconds_count").orElseThrow());
    assertEquals(0.006, MetricsText.value(text, "openll_schedd_commit_seconds_sum").orElseThrow(), 1e-9);
    assertEquals(1.0, MetricsText.value(text, "openll_schedd_commit_seconds_bucket{le=\"0.0025\"}").orElseThrow());
  }
}
