package org.openll.schedd.metrics;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import org.openll.common.metrics.MetricsServerModule;
import org.openll.common.metrics.MetricsSource;
import org.openll.schedd.queue.JobQueue;
import org.openll.schedd.store.JobStore;
import org.openll.schedd.watch.StepWatchHub;

/** The schedd's Prometheus endpoint ({@link MetricsServerModule}, {@code SCHEDD_METRICS_PORT}) with {@link ScheddMetrics}. */
public final class MetricsModule extends AbstractModule {
  @Override
  protected void configure() {
    install(new MetricsServerModule("SCHEDD"));
  }

  @ProvidesIntoSet
  MetricsSource scheddMetrics(JobQueue queue, JobStore store, StepWatchHub hub) {
    return registry -> {
      ScheddMetrics metrics = new ScheddMetrics(registry, queue.counts(), hub::watcherCount);
      store.observeCommits(metrics::commitTook);
    };
  }
}
