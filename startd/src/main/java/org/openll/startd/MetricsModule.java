package org.openll.startd;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import org.openll.common.metrics.MetricsServerModule;
import org.openll.common.metrics.MetricsSource;

/**
 * The startd's Prometheus endpoint ({@link MetricsServerModule}, {@code STARTD_METRICS_PORT}) with
 * {@link StartdMetrics}. Several startds on one host need port 0 (the default).
 */
final class MetricsModule extends AbstractModule {
  @Override
  protected void configure() {
    install(new MetricsServerModule("STARTD"));
  }

  @ProvidesIntoSet
  MetricsSource startdMetrics(StepLauncher launcher) {
    return registry -> StartdMetrics.register(registry, launcher);
  }
}
