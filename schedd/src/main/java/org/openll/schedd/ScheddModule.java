package org.openll.schedd;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import java.time.Clock;
import java.util.Optional;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.grpc.HostPort;
import org.openll.schedd.config.ConfigModule;
import org.openll.schedd.grpc.ScheddGrpcModule;
import org.openll.schedd.negotiator.NegotiatorLinkModule;
import org.openll.schedd.queue.QueueModule;
import org.openll.schedd.startd.StartdClientModule;
import org.openll.schedd.store.JobStoreModule;
import org.openll.schedd.watch.WatchModule;

/** The schedd: binds what the flags give and installs its feature modules. */
public final class ScheddModule extends AbstractModule {
  private final ClusterHome home;
  private final LoadLConfig config;
  private final HostPort listen;
  private final String scheddName;
  private final Optional<String> negotiator;

  public ScheddModule(ClusterHome home, LoadLConfig config, HostPort listen, String scheddName, Optional<String> negotiator) {
    this.home = home;
    this.config = config;
    this.listen = listen;
    this.scheddName = scheddName;
    this.negotiator = negotiator;
  }

  @Override
  protected void configure() {
    bind(ClusterHome.class).toInstance(home);
    bind(LoadLConfig.class).toInstance(config);
    bind(Clock.class).toInstance(Clock.systemUTC());
    bind(HostPort.class).annotatedWith(Names.named("listen")).toInstance(listen);
    bind(String.class).annotatedWith(Names.named("scheddName")).toInstance(scheddName);
    bind(Key.get(new TypeLiteral<Optional<String>>() {}, Names.named("negotiator"))).toInstance(negotiator);
    install(new ConfigModule());
    install(new JobStoreModule());
    install(new QueueModule());
    install(new StartdClientModule());
    install(new NegotiatorLinkModule());
    install(new ScheddGrpcModule());
    install(new WatchModule());
    install(new org.openll.schedd.metrics.MetricsModule());
  }
}
