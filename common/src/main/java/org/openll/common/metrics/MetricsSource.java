package org.openll.common.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** A daemon's own metrics, registered once in its registry when the metrics server is built. */
@FunctionalInterface
public interface MetricsSource {
  void registerIn(PrometheusRegistry registry);
}
