package org.openll.common.metrics;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.inject.Singleton;
import java.util.Set;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.grpc.GrpcServerService;

/**
 * A daemon's Prometheus endpoint ({@code PREFIX_METRICS_PORT}, else {@code METRICS_PORT}, on
 * 127.0.0.1, published in {@code run/NAME.metrics}): JVM metrics, its gRPC calls, and every
 * {@link MetricsSource} the daemon's module binds with {@link #sources}. Needs
 * {@link GrpcServerService}.
 */
public final class MetricsServerModule extends AbstractModule {
  private final String keywordPrefix;

  /** @param keywordPrefix the daemon's keyword prefix: {@code SCHEDD}, {@code STARTD}, {@code NEGOTIATOR} */
  public MetricsServerModule(String keywordPrefix) {
    this.keywordPrefix = keywordPrefix;
  }

  /** Where a daemon's module adds its own metrics. */
  public static Multibinder<MetricsSource> sources(com.google.inject.Binder binder) {
    return Multibinder.newSetBinder(binder, MetricsSource.class);
  }

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), Service.class).addBinding().to(MetricsServer.class);
    sources(binder());
  }

  @Provides
  @Singleton
  PrometheusRegistry registry() {
    return new PrometheusRegistry(); // the daemon's own: never the global default registry
  }

  @Provides
  @Singleton
  MetricsServer server(PrometheusRegistry registry, ClusterHome home, LoadLConfig config, GrpcServerService grpc,
      Set<MetricsSource> sources) {
    grpc.addInterceptor(new GrpcCallMetrics(registry));
    sources.forEach(source -> source.registerIn(registry));
    return new MetricsServer(grpc.daemonName(), home.runDir(), MetricsSettings.from(config, keywordPrefix), registry);
  }
}
