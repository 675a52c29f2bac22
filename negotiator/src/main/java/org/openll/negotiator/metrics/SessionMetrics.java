package org.openll.negotiator.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.IntSupplier;

/** The negotiator's open streams: schedd sessions, read when scraped. */
final class SessionMetrics {
  static final String SCHEDD_SESSIONS = "openll_negotiator_schedd_sessions";

  private SessionMetrics() {}

  static void register(PrometheusRegistry registry, IntSupplier scheddSessions) {
    GaugeWithCallback.builder().name(SCHEDD_SESSIONS)
        .help("schedd sessions (ScheddSession streams) open now")
        .callback(cb -> cb.call(scheddSessions.getAsInt()))
        .register(registry);
  }
}
