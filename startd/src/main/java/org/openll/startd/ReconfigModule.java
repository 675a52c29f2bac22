package org.openll.startd;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.openll.common.cluster.ClusterHome;

/** {@code llctl reconfig} for the startd: {@link StartdReconfig}, served by the gRPC server's DaemonControl. */
final class ReconfigModule extends AbstractModule {
  @Provides
  @Singleton
  StartdReconfig reconfig(MachineConfigLoader loader, MachineConfig initial, ClaimTable claims, StepLauncher launcher,
      ContainmentProbe.Choice containment, ClusterHome home) {
    return new StartdReconfig(loader, initial, claims, launcher,
        StartdReconfig.settingsFactory(containment, home.root().resolve("notify")));
  }
}
