package org.openll.common.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Creates the registry a daemon's metrics live in: its own, never the global default one. */
public final class DaemonRegistry {
  private DaemonRegistry() {}

  /** A new registry holding the JVM's metrics (memory, GC, threads, classes, CPU) and nothing else yet. */
  public static PrometheusRegistry withJvmMetrics() {
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    return registry;
  }
}
