package org.openll.negotiator.metrics;

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
import org.openll.negotiator.cycle.CycleRunner;
import org.openll.negotiator.registry.PoolRegistry;

/**
 * The negotiator's Prometheus endpoint ({@code NEGOTIATOR_METRICS_PORT}, else {@code METRICS_PORT},
 * on 127.0.0.1, published in {@code run/negotiator.metrics}): JVM metrics, gRPC calls, and
 * {@link CycleMetrics} and the open schedd sessions. Needs {@link CycleRunner}, {@link PoolRegistry}
 * and {@link GrpcServerService}.
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
      CycleRunner cycles, PoolRegistry pool) {
    grpc.addInterceptor(new GrpcCallMetrics(registry));
    cycles.observe(new CycleMetrics(registry));
    SessionMetrics.register(registry, pool::openScheddSessions);
    return new MetricsServer(grpc.daemonName(), home.runDir(), MetricsSettings.from(config, "NEGOTIATOR"), registry);
  }
}
