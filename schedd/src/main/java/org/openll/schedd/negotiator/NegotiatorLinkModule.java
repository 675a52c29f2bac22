package org.openll.schedd.negotiator;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Named;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openll.api.v1.IdleStep;
import org.openll.api.v1.Permit;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.grpc.Channels;
import org.openll.schedd.queue.JobQueue;
import org.openll.schedd.queue.NegotiatorNotifier;
import org.openll.schedd.queue.ScheddEndpoint;

/**
 * The session with the negotiator. Needs {@code @Named("negotiator") Optional<String>} (the
 * --negotiator flag; empty means read {@code run/negotiator.addr}).
 */
public final class NegotiatorLinkModule extends AbstractModule {
  /** LoadL_config keyword: first delay before reconnecting to the negotiator. */
  public static final String RECONNECT_INTERVAL = "SCHEDD_RECONNECT_INTERVAL";
  /** LoadL_config keyword: longest delay between reconnection attempts. */
  public static final String RECONNECT_MAX = "SCHEDD_RECONNECT_MAX";

  @Override
  protected void configure() {
    bind(NegotiatorNotifier.class).to(NegotiatorLink.class);
    Multibinder.newSetBinder(binder(), Service.class).addBinding().to(NegotiatorLink.class);
  }

  @Provides
  @Singleton
  NegotiatorLink negotiatorLink(@Named("negotiator") Optional<String> flag, ClusterHome home, LoadLConfig config,
      ScheddEndpoint endpoint, Provider<JobQueue> queue, org.openll.common.security.ClusterTls tls) {
    ScheddSessionHandler handler = new ScheddSessionHandler() {
      @Override
      public List<IdleStep> idleSnapshot() throws InterruptedException {
        queue.get().awaitLoaded();
        return queue.get().idleSnapshot();
      }

      @Override
      public Snapshot snapshot() throws InterruptedException {
        queue.get().awaitLoaded();
        JobQueue.SessionSnapshot both = queue.get().sessionSnapshot();
        return new Snapshot(both.dispatched(), both.idle());
      }

      @Override
      public void onPermit(Permit permit) {
        queue.get().onPermit(permit);
      }

      @Override
      public void onMachineDown(String machine, String reason) {
        queue.get().vacateMachine(machine, reason);
      }

      @Override
      public void onMachineUp(String machine, List<String> runningStepIds) {
        queue.get().reconcileMachine(machine, runningStepIds);
      }
    };
    return new NegotiatorLink(() -> flag.isPresent() ? flag : home.readAddress("negotiator"), endpoint, handler,
        address -> Channels.open(address, tls), config.getDuration(RECONNECT_INTERVAL, Duration.ofMillis(250)),
        config.getDuration(RECONNECT_MAX, Duration.ofSeconds(5)));
  }
}
