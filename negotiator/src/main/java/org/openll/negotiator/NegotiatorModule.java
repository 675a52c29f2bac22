package org.openll.negotiator;

import com.google.inject.AbstractModule;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.grpc.HostPort;
import org.openll.negotiator.cycle.CycleModule;
import org.openll.negotiator.grpc.NegotiatorGrpcModule;
import org.openll.negotiator.policy.PolicyModule;

/** The negotiator daemon: installs its feature modules and nothing else. */
public final class NegotiatorModule extends AbstractModule {
  private final ClusterHome home;
  private final HostPort listen;
  private final LoadLConfig config;

  public NegotiatorModule(ClusterHome home, HostPort listen, LoadLConfig config) {
    this.home = home;
    this.listen = listen;
    this.config = config;
  }

  @Override
  protected void configure() {
    install(new NegotiatorConfigModule(home, listen, config));
    install(new CycleModule());
    install(new PolicyModule());
    install(new NegotiatorGrpcModule());
    install(new org.openll.negotiator.metrics.MetricsModule());
  }
}
