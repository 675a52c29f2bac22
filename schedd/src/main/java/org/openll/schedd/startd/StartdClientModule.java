package org.openll.schedd.startd;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.time.Duration;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.grpc.Channels;
import org.openll.schedd.queue.StartdClient;

/** Calls to startds over gRPC. */
public final class StartdClientModule extends AbstractModule {
  /** LoadL_config keyword: deadline of StartStep and CancelStep calls. */
  public static final String DEADLINE = "SCHEDD_STARTD_CALL_TIMEOUT";
  static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  @Override
  protected void configure() {
    bind(StartdClient.class).to(GrpcStartdClient.class);
    Multibinder.newSetBinder(binder(), Service.class).addBinding().to(GrpcStartdClient.class);
  }

  @Provides
  @Singleton
  GrpcStartdClient startdClient(ClusterHome home, LoadLConfig config, org.openll.common.security.ClusterTls tls) {
    return new GrpcStartdClient(home, config.getDuration(DEADLINE, DEFAULT_DEADLINE), address -> Channels.open(address, tls));
  }
}
