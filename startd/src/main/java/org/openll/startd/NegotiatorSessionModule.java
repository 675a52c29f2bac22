package org.openll.startd;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.grpc.GrpcServerService;

/** The machine ad and the session that carries it to the negotiator. */
final class NegotiatorSessionModule extends AbstractModule {
  static final String UPDATE_INTERVAL = "MACHINE_UPDATE_INTERVAL";
  /** LoadL_config keyword: first delay before reconnecting to the negotiator (default 200 ms). */
  static final String RECONNECT_INTERVAL = "STARTD_RECONNECT_INTERVAL";
  /** LoadL_config keyword: longest delay between reconnection attempts (default MACHINE_UPDATE_INTERVAL). */
  static final String RECONNECT_MAX = "STARTD_RECONNECT_MAX";
  static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);
  /** LoadL_config keyword: how long after a claim change its ad is sent; the changes within share it (default 20 ms). */
  static final String CHANGE_DELAY = "STARTD_CHANGE_DELAY";
  static final Duration DEFAULT_CHANGE_DELAY = Duration.ofMillis(20);

  private final StartdOptions startd;

  NegotiatorSessionModule(StartdOptions startd) {
    this.startd = startd;
  }

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), Service.class).addBinding().to(NegotiatorSession.class);
  }

  @Provides
  @Singleton
  MachineAdBuilder ads(MachineIdentity identity, ClaimTable claims, DrainState drain) {
    return new MachineAdBuilder(identity, claims, Path.of("/proc"), System.getProperty("os.arch"), drain);
  }

  @Provides
  @Singleton
  NegotiatorSession session(MachineAdBuilder ads, GrpcServerService server, ClusterHome home,
      ChannelFactory channels, ScheduledExecutorService timer, LoadLConfig config, ClaimTable claims,
      StarterLinkService steps) {
    Duration interval = config.getDuration(UPDATE_INTERVAL, Duration.ofSeconds(2));
    Optional<String> override = startd.negotiatorOverride();
    return new NegotiatorSession(ads,
        // offered only once the steps left by an earlier startd are re-adopted (their CPUs claimed)
        () -> server.isRunning() && steps.isRunning() ? Optional.of(server.boundAddress().toString())
            : Optional.empty(),
        () -> override.or(() -> home.readAddress("negotiator")),
        channels, timer, new NegotiatorSession.Settings(interval,
            config.getDuration(RECONNECT_INTERVAL, INITIAL_BACKOFF), config.getDuration(RECONNECT_MAX, interval),
            config.getDuration(CHANGE_DELAY, DEFAULT_CHANGE_DELAY)),
        claims);
  }
}
