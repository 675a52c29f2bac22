package org.openll.negotiator.metrics;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import org.openll.common.metrics.MetricsServerModule;
import org.openll.common.metrics.MetricsSource;
import org.openll.negotiator.cycle.CycleRunner;
import org.openll.negotiator.registry.PoolRegistry;

/**
 * The negotiator's Prometheus endpoint ({@link MetricsServerModule}, {@code NEGOTIATOR_METRICS_PORT})
 * with {@link CycleMetrics} and the open schedd sessions.
 */
public final class MetricsModule extends AbstractModule {
  @Override
  protected void configure() {
    install(new MetricsServerModule("NEGOTIATOR"));
  }

  @ProvidesIntoSet
  MetricsSource negotiatorMetrics(CycleRunner cycles, PoolRegistry pool) {
    return registry -> {
      cycles.observe(new CycleMetrics(registry));
      SessionMetrics.register(registry, pool::openScheddSessions);
    };
  }
}
