package org.openll.startd;

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

/**
 * The startd's Prometheus endpoint ({@code STARTD_METRICS_PORT}, else {@code METRICS_PORT}, on
 * 127.0.0.1, published in {@code run/startd-MACHINE.metrics}): JVM metrics, gRPC calls and
 * {@link StartdMetrics}. Several startds on one host need port 0 (the default).
 */
final class MetricsModule extends AbstractModule {
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
      StepLauncher launcher) {
    grpc.addInterceptor(new GrpcCallMetrics(registry));
    StartdMetrics.register(registry, launcher);
    return new MetricsServer(grpc.daemonName(), home.runDir(), MetricsSettings.from(config, "STARTD"), registry);
  }
}
