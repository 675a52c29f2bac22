package org.openll.negotiator.match;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one negotiation cycle looks at, frozen. Immutable.
 *
 * @param allocations the steps that hold machines (permitted and not yet released)
 * @param now the cycle's time: backfill's clock and the base of "Will start by"
 */
public record PoolSnapshot(List<IdleStepAd> idleSteps, List<PoolMachine> machines, List<Allocation> allocations,
    SchedulingPolicy policy, Instant now) {
  public PoolSnapshot {
    idleSteps = List.copyOf(idleSteps);
    machines = List.copyOf(machines);
    allocations = List.copyOf(allocations);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
  }

  /** The default policy at the epoch, with CPU-only reservations (the shape before scheduling policies). */
  public static PoolSnapshot of(List<IdleStepAd> idleSteps, List<PoolMachine> machines,
      List<Reservation> reservations) {
    return new PoolSnapshot(idleSteps, machines,
        reservations.stream().map(Reservation::toAllocation).toList(), SchedulingPolicy.defaults(), Instant.EPOCH);
  }
}
