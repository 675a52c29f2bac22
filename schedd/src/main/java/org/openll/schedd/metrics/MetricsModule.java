package org.openll.schedd.metrics;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.inject.Singleton;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.grpc.GrpcServerService;
import org.openll.common.metrics.GrpcCallMetrics;
import org.openll.common.metrics.MetricsServer;
import org.openll.common.metrics.MetricsSettings;
import org.openll.schedd.queue.JobQueue;
import org.openll.schedd.store.JobStore;
import org.openll.schedd.watch.StepWatchHub;

/**
 * The schedd's Prometheus endpoint ({@code SCHEDD_METRICS_PORT}, else {@code METRICS_PORT}, on
 * 127.0.0.1, published in {@code run/schedd.metrics}): JVM metrics, gRPC calls, and
 * {@link ScheddMetrics}. Needs {@link JobQueue}, {@link JobStore}, {@link StepWatchHub} and
 * {@link GrpcServerService}.
 */
public final class MetricsModule extends AbstractModule {
  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), Service.class).addBinding().to(MetricsServer.class);
  }

  @Provides
  @Singleton
  PrometheusRegistry registry() {
    return new PrometheusRegistry(); // the daemon's own: never the global default registry
  }

  @Provides
  @Singleton
  MetricsServer server(PrometheusRegistry registry, ClusterHome home, LoadLConfig config, GrpcServerService grpc,
      JobQueue queue, JobStore store, StepWatchHub hub) {
    grpc.addInterceptor(new GrpcCallMetrics(registry));
    ScheddMetrics metrics = new ScheddMetrics(registry, queue.counts(), hub::watcherCount);
    store.observeCommits(metrics::commitTook);
    return new MetricsServer(grpc.daemonName(), home.runDir(), MetricsSettings.from(config, "SCHEDD"), registry);
  }
}
