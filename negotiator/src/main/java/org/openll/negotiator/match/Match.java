package org.openll.negotiator.match;

import java.util.List;

/** The decision to run one step on its machines, the first of which runs the command. */
public record Match(String stepId, List<MachineShare> machines) {
  public Match {
    machines = List.copyOf(machines);
    if (machines.isEmpty()) {
      throw new IllegalArgumentException("match of " + stepId + " has no machine");
    }
  }

  /** A serial step on one machine holding {@code cpus}. */
  public Match(String stepId, String machine, int cpus) {
    this(stepId, List.of(MachineShare.cpusOnly(machine, cpus)));
  }

  /** The machine that runs the command. */
  public String machine() {
    return machines.get(0).machine();
  }

  /** CPUs held on {@link #machine()}. */
  public int cpus() {
    return machines.get(0).cpus();
  }
}
