package org.openll.schedd.queue;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.openll.common.config.LoadLConfig;
import org.openll.schedd.config.AdminInputs;
import org.openll.schedd.store.JobStore;

/**
 * The queue and its lifecycle. Needs bindings for {@link JobStore}, {@link NegotiatorNotifier},
 * {@link StartdClient}, {@link ScheddEndpoint}, {@link Clock}, {@link LoadLConfig} and {@link AdminInputs}
 * (LoadL_admin and MAX_JOB_REJECT / ACTION_ON_MAX_REJECT, which replace SCHEDD_REJECT_LIMIT).
 */
public final class QueueModule extends AbstractModule {
  /**
   * LoadL_config keyword: first delay before StartStep is sent again when its answer left unknown
   * whether the startd has the step (the step stays Pending meanwhile); doubles on each attempt.
   */
  public static final String START_RETRY_INTERVAL = "SCHEDD_START_RETRY_INTERVAL";
  /** LoadL_config keyword: longest delay between those StartStep attempts. */
  public static final String START_RETRY_MAX = "SCHEDD_START_RETRY_MAX";
  /**
   * LoadL_config keyword (HTCondor's name): how long after the negotiator's permit a machine's
   * claim passes from a step that completed to the next Idle step of the same owner and shape,
   * without a negotiation cycle (claim reuse); 0 turns reuse off.
   */
  public static final String CLAIM_WORKLIFE = "CLAIM_WORKLIFE";
  static final Duration DEFAULT_CLAIM_WORKLIFE = Duration.ofSeconds(5);
  static final String TIMERS = "queueTimers";

  @Override
  protected void configure() {
    bind(QueueService.class).in(Singleton.class);
    Multibinder.newSetBinder(binder(), Service.class).addBinding().to(QueueService.class);
  }

  @Provides
  @Singleton
  JobQueue jobQueue(JobStore store, NegotiatorNotifier negotiator, StartdClient startds, ScheddEndpoint endpoint,
      Clock clock, @Named(TIMERS) ScheduledExecutorService timers, LoadLConfig config, AdminInputs admin) {
    return new JobQueue(store, negotiator, startds, endpoint, clock, timers, admin,
        config.getDuration(START_RETRY_INTERVAL, Duration.ofSeconds(1)),
        config.getDuration(START_RETRY_MAX, Duration.ofSeconds(30)),
        config.getDuration(CLAIM_WORKLIFE, DEFAULT_CLAIM_WORKLIFE));
  }

  /** One daemon thread for the startdate timers of Deferred steps; shut down by {@link QueueService}. */
  @Provides
  @Singleton
  @Named(TIMERS)
  ScheduledExecutorService timers() {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "queue-timers");
      t.setDaemon(true);
      return t;
    });
  }
}
