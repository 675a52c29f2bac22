package org.openll.negotiator.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import org.openll.negotiator.cycle.CycleRunner;
import org.openll.negotiator.match.PoolMachine;
import org.openll.negotiator.match.PoolSnapshot;

/**
 * The negotiator's metrics, updated once per negotiation cycle: its duration, the idle steps and
 * the machines up it saw, and the permits it delivered. A cycle costs a few updates and a pass over
 * the snapshot's machine list, no allocation.
 */
public final class CycleMetrics implements CycleRunner.Observer {
  public static final String CYCLE_SECONDS = "openll_negotiator_cycle_seconds";
  public static final String IDLE_STEPS = "openll_negotiator_idle_steps";
  public static final String MACHINES_UP = "openll_negotiator_machines_up";
  public static final String PERMITS = "openll_negotiator_permits";

  private final Histogram cycles;
  private final Gauge idleSteps;
  private final Gauge machinesUp;
  private final Counter permits;

  public CycleMetrics(PrometheusRegistry registry) {
    cycles = Histogram.builder().name(CYCLE_SECONDS)
        .help("time of one negotiation cycle, from the pool snapshot to the last permit sent")
        .unit(Unit.SECONDS)
        .classicOnly()
        .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
        .withoutExemplars()
        .register(registry);
    idleSteps = Gauge.builder().name(IDLE_STEPS).help("idle steps the last negotiation cycle saw").register(registry);
    machinesUp = Gauge.builder().name(MACHINES_UP).help("machines up at the last negotiation cycle").register(registry);
    permits = Counter.builder().name(PERMITS).help("permits delivered to schedds").register(registry);
  }

  @Override
  public void cycled(PoolSnapshot snapshot, int delivered, long nanos) {
    cycles.observe(Unit.nanosToSeconds(nanos));
    idleSteps.set(snapshot.idleSteps().size());
    int up = 0;
    for (PoolMachine machine : snapshot.machines()) {
      if (machine.up()) {
        up++;
      }
    }
    machinesUp.set(up);
    permits.inc(delivered);
  }
}
