package org.openll.negotiator;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.grpc.HostPort;

/** Binds the cluster home, the listen address, the configuration and the clock. */
final class NegotiatorConfigModule extends AbstractModule {
  private final ClusterHome home;
  private final HostPort listen;
  private final LoadLConfig config;

  NegotiatorConfigModule(ClusterHome home, HostPort listen, LoadLConfig config) {
    this.home = home;
    this.listen = listen;
    this.config = config;
  }

  @Override
  protected void configure() {
    bind(ClusterHome.class).toInstance(home);
    bind(HostPort.class).toInstance(listen);
    bind(LoadLConfig.class).toInstance(config);
    bind(Clock.class).toInstance(Clock.systemUTC());
  }

  @Provides
  @Singleton
  NegotiatorSettings settings(LoadLConfig config) {
    return NegotiatorSettings.from(config);
  }
}
