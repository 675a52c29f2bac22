package org.openll.startd;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.time.Duration;
import java.util.List;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.control.DaemonControlService;
import org.openll.common.daemon.DaemonOptions;
import org.openll.common.grpc.GrpcServerService;
import org.openll.common.security.ClusterTls;

/** The startd's gRPC server, published as {@code startd-MACHINE}: Startd and DaemonControl. */
final class StartdGrpcModule extends AbstractModule {
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final DaemonOptions daemon;

  StartdGrpcModule(DaemonOptions daemon) {
    this.daemon = daemon;
  }

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), Service.class).addBinding().to(GrpcServerService.class);
  }

  @Provides
  @Singleton
  GrpcServerService server(MachineIdentity identity, ClusterHome home, StepLauncher launcher,
      StartdReconfig reconfig, DrainState drain, ClaimTable claims, ClusterTls tls) {
    DaemonControlService control = new DaemonControlService("startd " + identity.machine(), reconfig,
        new StartdAdmin(identity.machine(), drain, claims), user -> administrators(reconfig).isAdministrator(user));
    return new GrpcServerService(StartdMain.daemonName(identity.machine()), home, daemon.listenAddress(),
        List.of(new StartdService(launcher, drain, claims), control), GRACE, tls);
  }

  /** Drain and resume change what the ad offers: a fresh ad goes out at once. */
  @Provides
  @Singleton
  DrainState drain(ClaimTable claims) {
    DrainState drain = new DrainState();
    drain.addListener(() -> claims.offer(claims.offer()));
    return drain;
  }

  /** LOADL_ADMIN of the configuration in force (the daemons' user when unset). */
  static SchedulingConfig administrators(StartdReconfig reconfig) {
    try {
      return SchedulingConfig.from(reconfig.current().config());
    } catch (RuntimeException e) {
      return SchedulingConfig.defaults();
    }
  }
}
