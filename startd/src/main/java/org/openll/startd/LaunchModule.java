package org.openll.startd;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

/** Claims, starters (started, linked and re-adopted) and the relay of their events to the schedds. */
final class LaunchModule extends AbstractModule {
  static final String KILL_GRACE = "STARTER_KILL_GRACE";
  /** The administration file in the cluster home; its class stanzas cap and default step limits. */
  static final String REPORT_BACKOFF = "STARTD_REPORT_BACKOFF";
  static final String REPORT_MAX_BACKOFF = "STARTD_REPORT_MAX_BACKOFF";
  /** Starters kept started ahead of steps (default: the machine's CPUs; 0: a new starter per step). */
  static final String POOL_SIZE = "STARTER_POOL_SIZE";
  /** Steps one pooled starter serves before it exits and another is started (1: one each). */
  static final String MAX_STEPS = "STARTER_MAX_STEPS";
  static final int DEFAULT_MAX_STEPS = 5000;
  /** How long, beyond the kill grace, a stopping startd waits for its steps' final records. */
  static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(3);

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), Service.class).addBinding().to(StarterLinkService.class);
  }

  @Provides
  @Singleton
  ClaimTable claims(MachineIdentity identity, MachineConfig config) {
    return new ClaimTable(identity, config.offer());
  }

  @Provides
  @Singleton
  ScheddReporter reporter(MachineIdentity identity, ChannelFactory channels, ScheduledExecutorService timer,
      LoadLConfig config) {
    ScheddReporter.Settings defaults = ScheddReporter.Settings.defaults();
    return new ScheddReporter(identity.machine(), channels, timer, new ScheddReporter.Settings(
        config.getDuration(REPORT_BACKOFF, defaults.initialBackoff()),
        config.getDuration(REPORT_MAX_BACKOFF, defaults.maxBackoff()),
        defaults.callDeadline(), defaults.maxBatch()));
  }

  @Provides
  @Singleton
  StepLauncher launcher(ClaimTable claims, ScheddReporter reporter, MachineIdentity identity, ClusterHome home,
      LoadLConfig config, MachineConfig machineConfig, Clock clock, ContainmentProbe.Choice containment) {
    Path spool = home.startdSpool(identity.machine());
    StarterSettings settings = StartdReconfig.settingsFactory(containment, home.root().resolve("notify"))
        .settings(machineConfig);
    return new StepLauncher(claims, reporter, StarterCommand.forThisJvm(), spool, identity.machine(),
        config.getDuration(KILL_GRACE, Duration.ofSeconds(2)), clock, settings,
        OwnerPolicy.forThisProcess(config, identity.machine()), poolSettings(config, identity.cpus()));
  }

  /** STARTER_POOL_SIZE (default {@code cpus}) and STARTER_MAX_STEPS (default 5,000). */
  static StepLauncher.PoolSettings poolSettings(LoadLConfig config, int cpus) {
    int size = config.getInt(POOL_SIZE, cpus);
    int maxSteps = config.getInt(MAX_STEPS, DEFAULT_MAX_STEPS);
    if (size < 0) {
      throw new ConfigException(POOL_SIZE + " must be 0 or more, got " + size);
    }
    if (maxSteps < 1) {
      throw new ConfigException(MAX_STEPS + " must be 1 or more, got " + maxSteps);
    }
    return new StepLauncher.PoolSettings(size, maxSteps);
  }

  @Provides
  @Singleton
  StarterLinkService linkService(StepLauncher launcher, ScheddReporter reporter, LoadLConfig config) {
    return new StarterLinkService(new StarterLinkServer(launcher.socket(), launcher), launcher, reporter,
        config.getDuration(KILL_GRACE, Duration.ofSeconds(2)).plus(SHUTDOWN_MARGIN));
  }
}
