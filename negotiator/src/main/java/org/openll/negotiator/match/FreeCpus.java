package org.openll.negotiator.match;

import java.util.Collection;

/** Free CPUs of a machine: its CPUs minus those of steps running in its ad or reserved by permits, each step once. */
public final class FreeCpus {
  private FreeCpus() {}

  /** {@code allocations} may name other machines; only their shares on {@code machine} count. */
  public static int of(Machine machine, Collection<Allocation> allocations) {
    int used = machine.running().values().stream().mapToInt(Integer::intValue).sum();
    for (Allocation a : allocations) {
      if (machine.running().containsKey(a.stepId())) {
        continue;
      }
      for (MachineShare share : a.machines()) {
        if (share.machine().equals(machine.name())) {
          used += share.cpus();
        }
      }
    }
    return machine.cpus() - used;
  }
}
