package org.openll.negotiator.cycle;

import com.google.common.util.concurrent.AbstractService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.negotiator.NegotiatorSettings;
import org.openll.negotiator.match.MatchPlan;
import org.openll.negotiator.match.Matchmaker;
import org.openll.negotiator.match.PoolSnapshot;
import org.openll.negotiator.match.SchedulingPolicy;
import org.openll.negotiator.registry.GrantedShare;
import org.openll.negotiator.registry.PermitDelivery;
import org.openll.negotiator.registry.PoolRegistry;

/**
 * Runs the negotiation cycle every {@code NEGOTIATOR_INTERVAL}, and once more
 * {@code NEGOTIATOR_CHANGE_DELAY} after a {@link #requestCycle()}. Requests that arrive while an
 * extra cycle is already pending are folded into it (at most one is pending); a request made while
 * a cycle runs schedules another, so no change waits for the next period.
 *
 * <p>An extra cycle also waits, after the end of the one before, as long as that one took: a
 * cycle's cost grows with the idle steps it orders, and with a short change delay a busy pool
 * would otherwise run cycles back to back. The cycles that changes ask for thus take at most about
 * half of a core, whatever the queue. Such a cycle is also skipped when it could decide nothing new:
 * no machine has a free CPU and every idle step has its verdict from an earlier cycle (a step that
 * starts changes its machine's ad, and that change alone asked for half of the cycles of a busy
 * pool). The periodic cycle always runs, and refreshes the verdicts.
 *
 * <p>Cycles never overlap. A cycle snapshots the registry, asks the {@link PolicySource} for the
 * rules at the snapshot's time (which accrues fair share from the snapshot's allocations), computes
 * the plan with the pure {@link Matchmaker}, has the registry record it, then sends the permits. A failing cycle is logged
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
  private final Clock clock;
  /** When the last cycle ended and how long it took (the extra cycles' pacing); cycle thread writes. */
  private volatile Instant lastEnded = Instant.MIN;
  private volatile Duration lastTook = Duration.ZERO;
  private final AtomicBoolean extraPending = new AtomicBoolean();
  private final Object cycleLock = new Object();
  private volatile ScheduledFuture<?> periodic;
  private final PolicySource policies;
  private volatile LastCycle last = new LastCycle(MatchPlan.empty(), null, SchedulingPolicy.defaults());
  private volatile Observer observer = (snapshot, permits, nanos) -> {};
  /** {@link PoolRegistry#idleAdds()} as the last cycle that ran saw it; cycle thread only. */
  private long idleAddsJudged = -1;

  /** Told of each cycle that ran to its end, on the cycle's thread: it must return at once. */
  public interface Observer {
    /**
     * @param snapshot the pool the cycle saw
     * @param permits the permits it delivered
     * @param nanos how long it took, snapshot to the last permit sent
     */
    void cycled(PoolSnapshot snapshot, int permits, long nanos);
  }

  /** Replaces the observer of the cycles (metrics). */
  public void observe(Observer next) {
    observer = next;
  }

  /** The outcome of the last cycle: its plan, its time (null before the first) and its rules. */
  public record LastCycle(MatchPlan plan, Instant at, SchedulingPolicy policy) {
    public Optional<Instant> time() {
      return Optional.ofNullable(at);
    }
  }

  @Inject
  public CycleRunner(PoolRegistry registry, Matchmaker matchmaker, Clock clock,
      @NegotiatorExecutor ScheduledExecutorService executor, NegotiatorSettings settings, PolicySource policies) {
    this.registry = registry;
    this.matchmaker = matchmaker;
    this.clock = clock;
    this.executor = executor;
    this.interval = settings.interval();
    this.changeDelay = settings.changeDelay();
    this.policies = policies;
  }

  /** A runner with the default policy. */
  public CycleRunner(PoolRegistry registry, Matchmaker matchmaker, Clock clock, ScheduledExecutorService executor,
      NegotiatorSettings settings) {
    this(registry, matchmaker, clock, executor, settings, PolicySource.fixed(SchedulingPolicy.defaults()));
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
      runCycle(true);
    }, extraCycleDelay(clock.instant()).toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * How long an extra cycle asked for at {@code now} waits: the change delay, or what is left of the
   * last cycle's length since it ended, whichever is longer.
   */
  Duration extraCycleDelay(Instant now) {
    Instant ended = lastEnded;
    Duration rest = ended.equals(Instant.MIN) ? Duration.ZERO : lastTook.minus(Duration.between(ended, now));
    return rest.compareTo(changeDelay) > 0 ? rest : changeDelay;
  }

  /** The plan of the last cycle, with the reason each unmatched step stayed idle. */
  public MatchPlan lastPlan() {
    return last.plan();
  }

  /** The last cycle's plan, time and rules. */
  public LastCycle lastCycle() {
    return last;
  }

  /** Runs one cycle now, on the caller's thread. Never throws. */
  public void runCycle() {
    runCycle(false);
  }

  /** One cycle; {@code unlessIdle}: skipped when it could decide nothing new (an extra cycle). */
  void runCycle(boolean unlessIdle) {
    synchronized (cycleLock) {
      Instant started = clock.instant();
      try {
        long began = System.nanoTime(); // a measurement for metrics, not logic: no Clock
        long idleAdds = registry.idleAdds();
        if (unlessIdle && idleAdds == idleAddsJudged && !registry.anyFreeCpu()) {
          return; // every idle step has its verdict, and no CPU is free to change one
        }
        PoolSnapshot base = registry.snapshot();
        SchedulingPolicy policy = policies.policy(base.allocations(), base.now());
        PoolSnapshot snapshot = new PoolSnapshot(base.idleSteps(), base.machines(), base.allocations(), policy,
            base.now());
        MatchPlan plan = matchmaker.negotiate(snapshot);
        List<PermitDelivery> deliveries = registry.apply(plan);
        last = new LastCycle(plan, snapshot.now(), policy);
        idleAddsJudged = idleAdds;
        int delivered = 0;
        for (PermitDelivery delivery : deliveries) {
          if (delivery.sink().send(delivery.grant())) {
            delivered++;
            LOG.info("permit: step {} on {}", delivery.grant().stepId(),
                PoolRegistry.describe(delivery.grant().machines().stream().map(GrantedShare::share).toList()));
          } else {
            LOG.warn("permit for step {} on {} not delivered: its schedd session is gone",
                delivery.grant().stepId(), delivery.grant().machine());
          }
        }
        observer.cycled(snapshot, delivered, System.nanoTime() - began);
      } catch (RuntimeException e) {
        LOG.error("negotiation cycle failed", e);
      } finally {
        Instant ended = clock.instant();
        lastTook = Duration.between(started, ended);
        lastEnded = ended;
      }
    }
  }
}
