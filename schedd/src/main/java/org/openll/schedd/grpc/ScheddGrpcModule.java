package org.openll.schedd.grpc;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.control.DaemonControlService;
import org.openll.common.grpc.GrpcServerService;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.Role;
import org.openll.common.grpc.HostPort;
import org.openll.common.grpc.ScheddRateLimits;
import org.openll.schedd.queue.ScheddEndpoint;

/**
 * The schedd's gRPC server (daemon name "schedd", published in {@code run/schedd.addr}) and this
 * schedd's endpoint, serving the Schedd and DaemonControl services. Needs {@code @Named("listen") HostPort} and {@code @Named("scheddName") String}.
 */
public final class ScheddGrpcModule extends AbstractModule {
  public static final String DAEMON_NAME = "schedd";
  private static final Duration GRACE = Duration.ofSeconds(2);

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), Service.class).addBinding().to(GrpcServerService.class);
  }

  @Provides
  @Singleton
  GrpcServerService server(ClusterHome home, @Named("listen") HostPort listen, ScheddGrpcService service,
      DaemonControlService control, LoadLConfig config, Clock clock, ClusterTls tls) {
    GrpcServerService server = new GrpcServerService(DAEMON_NAME, home, listen, List.of(service, control), GRACE, tls);
    server.addAuthenticatedInterceptor(ScheddRateLimits.interceptor(config, clock)); // SCHEDD_SUBMIT_RATE, SCHEDD_QUERY_RATE
    return server;
  }

  /** The schedd's TLS credentials (certificate {@code schedd-NAME}), for its server and its channels. */
  @Provides
  @Singleton
  ClusterTls tls(ClusterHome home, @Named("scheddName") String name) {
    return ClusterTls.lazyForDaemon(home, Role.SCHEDD, name);
  }

  @Provides
  @Singleton
  ScheddEndpoint endpoint(@Named("scheddName") String name, Provider<GrpcServerService> server) {
    return new ServerEndpoint(name, server);
  }
}
