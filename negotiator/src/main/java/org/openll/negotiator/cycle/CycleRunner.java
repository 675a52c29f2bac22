package org.openll.negotiator.cycle;

import com.google.common.util.concurrent.AbstractService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.negotiator.NegotiatorSettings;
import org.openll.negotiator.match.MatchPlan;
import org.openll.negotiator.match.Matchmaker;
import org.openll.negotiator.registry.PermitDelivery;
import org.openll.negotiator.registry.PoolRegistry;

/**
 * Runs the negotiation cycle every {@code NEGOTIATOR_INTERVAL}, and once more
 * {@code NEGOTIATOR_CHANGE_DELAY} after a {@link #requestCycle()}. Requests that arrive while an
 * extra cycle is already pending are folded into it (at most one is pending); a request made while
 * a cycle runs schedules another, so no change waits for the next period.
 *
 * <p>Cycles never overlap. A cycle snapshots the registry, computes the plan with the pure
 * {@link Matchmaker}, has the registry record it, then sends the permits. A failing cycle is logged
 * and the next one runs as usual.
 */
@Singleton
public final class CycleRunner extends AbstractService implements CycleTrigger {
  private static final Logger LOG = LogManager.getLogger(CycleRunner.class);

  private final PoolRegistry registry;
  private final Matchmaker matchmaker;
  private final ScheduledExecutorService executor;
  private final Duration interval;
  private final Duration changeDelay;
  private final AtomicBoolean extraPending = new AtomicBoolean();
  private final Object cycleLock = new Object();
  private volatile ScheduledFuture<?> periodic;
  private volatile MatchPlan lastPlan = MatchPlan.empty();

  @Inject
  public CycleRunner(PoolRegistry registry, Matchmaker matchmaker, @NegotiatorExecutor ScheduledExecutorService executor,
      NegotiatorSettings settings) {
    this.registry = registry;
    this.matchmaker = matchmaker;
    this.executor = executor;
    this.interval = settings.interval();
    this.changeDelay = settings.changeDelay();
  }

  @Override
  protected void doStart() {
    periodic = executor.scheduleWithFixedDelay(this::runCycle, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
    notifyStarted();
  }

  @Override
  protected void doStop() {
    ScheduledFuture<?> task = periodic;
    if (task != null) {
      task.cancel(false);
    }
    notifyStopped();
  }

  @Override
  public void requestCycle() {
    if (state() != State.RUNNING || !extraPending.compareAndSet(false, true)) {
      return;
    }
    executor.schedule(() -> {
      extraPending.set(false);
      runCycle();
    }, changeDelay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The plan of the last cycle, with the reason each unmatched step stayed idle. */
  public MatchPlan lastPlan() {
    return lastPlan;
  }

  /** Runs one cycle now, on the caller's thread. Never throws. */
  public void runCycle() {
    synchronized (cycleLock) {
      try {
        MatchPlan plan = matchmaker.negotiate(registry.snapshot());
        List<PermitDelivery> deliveries = registry.apply(plan);
        lastPlan = plan;
        for (PermitDelivery delivery : deliveries) {
          if (delivery.sink().send(delivery.grant())) {
            LOG.info("permit: step {} on {} ({} CPUs)", delivery.grant().stepId(), delivery.grant().machine(),
                delivery.grant().cpus());
          } else {
            LOG.warn("permit for step {} on {} not delivered: its schedd session is gone",
                delivery.grant().stepId(), delivery.grant().machine());
          }
        }
      } catch (RuntimeException e) {
        LOG.error("negotiation cycle failed", e);
      }
    }
  }
}
