package org.openll.negotiator.match;

import java.util.Collection;

/** Free CPUs of a machine: its CPUs minus those of steps running in its ad or reserved by permits, each step once. */
public final class FreeCpus {
  private FreeCpus() {}

  /** {@code reservations} may name other machines; only those on {@code machine} count. */
  public static int of(Machine machine, Collection<Reservation> reservations) {
    int used = machine.running().values().stream().mapToInt(Integer::intValue).sum();
    for (Reservation r : reservations) {
      if (r.machine().equals(machine.name()) && !machine.running().containsKey(r.stepId())) {
        used += r.cpus();
      }
    }
    return machine.cpus() - used;
  }
}
