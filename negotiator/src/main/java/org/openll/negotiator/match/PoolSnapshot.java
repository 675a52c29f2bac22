package org.openll.negotiator.match;

import java.util.List;

/** Everything one negotiation cycle looks at, frozen. Immutable. */
public record PoolSnapshot(List<IdleStepAd> idleSteps, List<PoolMachine> machines, List<Reservation> reservations) {
  public PoolSnapshot {
    idleSteps = List.copyOf(idleSteps);
    machines = List.copyOf(machines);
    reservations = List.copyOf(reservations);
  }
}
