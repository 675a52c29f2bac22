package org.openll.startd;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The startd's own metrics, read from the {@link StepLauncher} when scraped: nothing on the step's path. */
final class StartdMetrics {
  static final String STARTERS = "openll_startd_starters";
  static final String STEPS_STARTED = "openll_startd_steps_started";
  static final String STEPS_FINISHED = "openll_startd_steps_finished";
  static final String POOLED_STARTERS = "openll_startd_pooled_starters";
  static final String STEPS_POOLED = "openll_startd_steps_started_pooled";

  private StartdMetrics() {}

  static void register(PrometheusRegistry registry, StepLauncher launcher) {
    GaugeWithCallback.builder().name(STARTERS)
        .help("starters on this machine now: steps running or whose final record is not yet acknowledged")
        .callback(cb -> cb.call(launcher.starterCount()))
        .register(registry);
    CounterWithCallback.builder().name(STEPS_STARTED)
        .help("steps this startd started a starter for")
        .callback(cb -> cb.call(launcher.stepsStarted()))
        .register(registry);
    CounterWithCallback.builder().name(STEPS_FINISHED)
        .help("steps whose final record the schedd acknowledged")
        .callback(cb -> cb.call(launcher.stepsFinished()))
        .register(registry);
    CounterWithCallback.builder().name(STEPS_POOLED)
        .help("of the steps started, those handed to a pre-started (pooled) starter")
        .callback(cb -> cb.call(launcher.stepsPooled()))
        .register(registry);
    GaugeWithCallback.builder().name(POOLED_STARTERS)
        .help("the starter pool (STARTER_POOL_SIZE) by state: starting, ready, leased, returning, retired")
        .labelNames("state")
        .callback(cb -> launcher.pool().counts().forEach((state, n) ->
            cb.call(n, state.name().toLowerCase(java.util.Locale.ROOT))))
        .register(registry);
  }
}
