package org.openll.startd;

import com.google.inject.AbstractModule;
import org.openll.common.daemon.DaemonOptions;

/** The startd's root module: installs its feature modules and nothing else. */
public final class StartdModule extends AbstractModule {
  private final DaemonOptions daemon;
  private final StartdOptions startd;

  public StartdModule(DaemonOptions daemon, StartdOptions startd) {
    this.daemon = daemon;
    this.startd = startd;
  }

  @Override
  protected void configure() {
    install(new MachineModule(daemon, startd));
    install(new LaunchModule());
    install(new NegotiatorSessionModule(startd));
    install(new ReconfigModule());
    install(new StartdGrpcModule(daemon));
    install(new MetricsModule());
  }
}
