package org.openll.negotiator.match;

import java.util.Objects;

/** CPUs that an outstanding permit holds on a machine for a step not yet released. */
public record Reservation(String stepId, String machine, int cpus) {
  public Reservation {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(machine, "machine");
  }

  public Allocation toAllocation() {
    return new Allocation(stepId, "", "", "", java.util.List.of(MachineShare.cpusOnly(machine, cpus)), null, null);
  }
}
