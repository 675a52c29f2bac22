package org.openll.starter;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The watch step: every period it reads the step's own processes (from its {@link Containment},
 * never the whole process table), sums their {@code VmRSS} and keeps the peak, reads the step's
 * CPU and asks the {@link LimitPolicy} what to do. A soft limit sends SIGXCPU to every process of
 * the step; the first hard limit reported is the step's {@link #exceeded() reason} and is handed
 * once to {@code onKill}, which kills the step. Samples run on {@code timer}; thread-safe.
 */
final class StepWatcher {
  private final Containment containment;
  private final LimitPolicy policy;
  private final Signals signals;
  private final Path proc;
  private final Clock clock;
  private final Instant start;
  private final AtomicLong peakKb = new AtomicLong();
  private final AtomicLong lastCpuMicros = new AtomicLong();
  private final AtomicReference<LimitPolicy.Kill> exceeded = new AtomicReference<>();
  private final AtomicReference<LimitPolicy.SoftSignal> softReached = new AtomicReference<>();
  private final Consumer<LimitPolicy.Kill> onKill;
  private final java.util.function.LongSupplier fallbackCpuMicros;

  StepWatcher(Containment containment, LimitPolicy policy, Signals signals, Path proc, Clock clock, Instant start,
      java.util.function.LongSupplier fallbackCpuMicros, Consumer<LimitPolicy.Kill> onKill) {
    this.containment = containment;
    this.policy = policy;
    this.signals = signals;
    this.proc = proc;
    this.clock = clock;
    this.start = start;
    this.fallbackCpuMicros = fallbackCpuMicros;
    this.onKill = onKill;
  }

  /**
   * Samples every {@code period} on {@code timer}, the first time one period from now, until the
   * returned future is cancelled. A step shorter than that is never sampled: its peak RSS is the
   * one the kernel reports when it is reaped ({@link RunningCommand#maxRssKb}).
   */
  ScheduledFuture<?> start(ScheduledExecutorService timer, Duration period) {
    long millis = Math.max(1, period.toMillis());
    return timer.scheduleAtFixedRate(this::sampleSafely, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void sampleSafely() {
    try {
      sample();
    } catch (RuntimeException e) {
      System.err.println("starter: sample failed: " + e);
    }
  }

  /** One sample now; also what the timer runs. */
  synchronized void sample() {
    Set<Long> pids = containment.pids();
    long rssKb = 0;
    for (long pid : pids) {
      rssKb += ResourceSampler.rssKb(proc.resolve(Long.toString(pid)).resolve("status"));
    }
    peakKb.accumulateAndGet(rssKb, Math::max);
    long cpu = containment.cpuMicros().map(c -> c[0] + c[1]).orElseGet(fallbackCpuMicros::getAsLong);
    lastCpuMicros.set(cpu);
    if (exceeded.get() != null) {
      return;
    }
    List<LimitPolicy.Action> actions = policy.check(Duration.between(start, clock.instant()), cpu, rssKb * 1024);
    for (LimitPolicy.Action action : actions) {
      switch (action) {
        case LimitPolicy.SoftSignal soft -> {
          System.err.println("starter: soft " + soft.limit().keyword + " reached: SIGXCPU to " + pids);
          softReached.compareAndSet(null, soft);
          signals.send("XCPU", pids);
        }
        case LimitPolicy.Kill kill -> {
          if (exceeded.compareAndSet(null, kill)) {
            System.err.println("starter: " + kill.message() + ": killing the step");
            onKill.accept(kill);
          }
        }
      }
    }
  }

  long peakKb() {
    return peakKb.get();
  }

  /** The first soft limit the step reached (it got SIGXCPU), or null. */
  LimitPolicy.SoftSignal softReached() {
    return softReached.get();
  }

  /** The hard limit that ended the step, or null. */
  LimitPolicy.Kill exceeded() {
    return exceeded.get();
  }
}
