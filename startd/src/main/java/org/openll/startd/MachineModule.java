package org.openll.startd;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.daemon.DaemonOptions;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.Role;

/**
 * This machine's identity, the cluster home and configuration (LoadL_config, its LOCAL_CONFIG and
 * LoadL_admin), time, timers and client channels.
 */
final class MachineModule extends AbstractModule {
  private static final Logger LOG = LogManager.getLogger(MachineModule.class);
  private final DaemonOptions daemon;
  private final StartdOptions startd;

  MachineModule(DaemonOptions daemon, StartdOptions startd) {
    this.daemon = daemon;
    this.startd = startd;
  }

  @Override
  protected void configure() {
    bind(Clock.class).toInstance(Clock.systemUTC());
  }

  /** This startd's TLS credentials (certificate {@code startd-MACHINE}), for its server and its channels. */
  @Provides
  @Singleton
  ClusterTls tls(ClusterHome home) {
    return ClusterTls.lazyForDaemon(home, Role.STARTD, startd.machineName());
  }

  /**
   * Inline callbacks: what the startd does with an answer (the schedd's acknowledgment: tell the
   * starter, free the claim, delete the step's folder) is short and never waits, and the hand-off
   * to gRPC's executor cost ~8 % of the short-step rate (docs/performance.md, "The eighth pass").
   */
  @Provides
  @Singleton
  ChannelFactory channels(ClusterTls tls) {
    return target -> Channels.openInline(HostPort.parse(target), tls);
  }

  @Provides
  @Singleton
  ContainmentProbe.Choice containment(LoadLConfig config) {
    ContainmentProbe.Choice choice = new ContainmentProbe(Path.of("/proc/self/mounts"))
        .choose(config.getString(StarterSettings.CONTAINMENT, "auto"));
    LOG.info("starters contain steps with {}{}", choice.mechanism(),
        choice.cgroupParent().isEmpty() ? "" : " under " + choice.cgroupParent());
    if (!choice.cgroupParent().isEmpty()) {
      StaleStepCgroups.sweep(Path.of(choice.cgroupParent()));
    }
    return choice;
  }

  @Provides
  @Singleton
  MachineIdentity identity(ContainmentProbe.Choice containment) {
    return new MachineIdentity(startd.machineName(), startd.cpuCount(), MachineIdentity.newClaimSecret(),
        containment.mechanism());
  }

  @Provides
  @Singleton
  ClusterHome home() {
    return daemon.clusterHome();
  }

  @Provides
  @Singleton
  MachineConfigLoader configLoader(ClusterHome home) {
    return new MachineConfigLoader(home, startd.machineName(), Path.of("/proc"));
  }

  /** LoadL_config with this machine's LOCAL_CONFIG, and LoadL_admin, as read at start. */
  @Provides
  @Singleton
  MachineConfig machineConfig(MachineConfigLoader loader) throws IOException {
    MachineConfig config = loader.load();
    LOG.info("configuration from {}", config.files());
    return config;
  }

  @Provides
  @Singleton
  LoadLConfig config(MachineConfig machineConfig) {
    return machineConfig.config();
  }

  @Provides
  @Singleton
  ScheduledExecutorService timer() {
    return Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "startd-timer");
      t.setDaemon(true);
      return t;
    });
  }
}
