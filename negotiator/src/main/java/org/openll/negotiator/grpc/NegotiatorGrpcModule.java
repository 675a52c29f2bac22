package org.openll.negotiator.grpc;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.grpc.GrpcServerService;
import org.openll.common.control.AdminActions;
import org.openll.common.control.DaemonControlService;
import org.openll.common.control.Reconfigurable;
import org.openll.common.grpc.HostPort;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.Role;
import org.openll.negotiator.cycle.CycleTrigger;
import org.openll.negotiator.policy.PolicyInputs;

/**
 * Binds the negotiator's gRPC server (daemon name {@code negotiator}) as a service: the Negotiator
 * service and DaemonControl, whose reconfig reloads LoadL_config's scheduling keywords and
 * LoadL_admin and, when something changed, asks for a cycle under the new rules.
 */
public final class NegotiatorGrpcModule extends AbstractModule {
  public static final String DAEMON_NAME = "negotiator";
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), Service.class).addBinding().to(GrpcServerService.class);
  }

  @Provides
  @Singleton
  GrpcServerService server(ClusterHome home, HostPort listen, NegotiatorGrpcService service, PolicyInputs inputs,
      CycleTrigger trigger) {
    Reconfigurable reconfig = () -> {
      List<String> changed = inputs.reconfigure();
      if (!changed.isEmpty()) {
        trigger.requestCycle();
      }
      return changed;
    };
    return new GrpcServerService(DAEMON_NAME, home, listen,
        List.of(service, new DaemonControlService(DAEMON_NAME, reconfig, AdminActions.NONE,
            user -> inputs.config().isAdministrator(user))), STOP_GRACE,
        ClusterTls.lazyForDaemon(home, Role.NEGOTIATOR, org.openll.common.cluster.HostNames.localName(System.getenv())));
  }
}
