package org.openll.schedd.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.openll.common.state.StepState;
import org.openll.schedd.queue.StepStateCounts;

/**
 * The schedd's own metrics. Queue sizes, starts, finishes and reused claims are read from {@link StepStateCounts}
 * when scraped (O(states), no lock); commit latency is observed by the job store's writer thread.
 */
public final class ScheddMetrics {
  public static final String QUEUE_STEPS = "openll_schedd_queue_steps";
  public static final String STEPS_STARTED = "openll_schedd_steps_started";
  public static final String STEPS_FINISHED = "openll_schedd_steps_finished";
  public static final String CLAIMS_REUSED = "openll_schedd_claims_reused";
  public static final String COMMIT_SECONDS = "openll_schedd_commit_seconds";
  public static final String WATCH_STREAMS = "openll_schedd_watch_streams";

  private static final StepState[] QUEUED_STATES = java.util.Arrays.stream(StepState.values())
      .filter(s -> !s.isTerminal()).toArray(StepState[]::new);
  private static final String[] LABELS = java.util.Arrays.stream(QUEUED_STATES)
      .map(s -> s.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

  private final Histogram commits;

  /** Registers the schedd's metrics in {@code registry}, reading {@code counts} and {@code watchStreams} on scrape. */
  public ScheddMetrics(PrometheusRegistry registry, StepStateCounts counts, IntSupplier watchStreams) {
    GaugeWithCallback.builder().name(QUEUE_STEPS)
        .help("steps in the queue by state (terminal steps leave the queue)")
        .labelNames("state")
        .callback(cb -> {
          for (int i = 0; i < QUEUED_STATES.length; i++) {
            cb.call(counts.inState(QUEUED_STATES[i]), LABELS[i]);
          }
        })
        .register(registry);
    CounterWithCallback.builder().name(STEPS_STARTED)
        .help("times a step entered Running since the schedd started")
        .callback(cb -> cb.call(counts.started()))
        .register(registry);
    CounterWithCallback.builder().name(STEPS_FINISHED)
        .help("steps that reached a terminal state since the schedd started")
        .callback(cb -> cb.call(counts.finished()))
        .register(registry);
    CounterWithCallback.builder().name(CLAIMS_REUSED)
        .help("steps started on the claim of a step that completed, without a permit (CLAIM_WORKLIFE)")
        .callback(cb -> cb.call(counts.claimsReused()))
        .register(registry);
    GaugeWithCallback.builder().name(WATCH_STREAMS)
        .help("WatchSteps streams open now")
        .callback(cb -> cb.call(watchStreams.getAsInt()))
        .register(registry);
    commits = Histogram.builder().name(COMMIT_SECONDS)
        .help("time of one group commit of the job store, its writes and its fsync")
        .unit(Unit.SECONDS)
        .classicOnly()
        .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
        .withoutExemplars()
        .register(registry);
  }

  /** Records one group commit that took {@code nanos}. */
  public void commitTook(long nanos) {
    commits.observe(Unit.nanosToSeconds(nanos));
  }
}
