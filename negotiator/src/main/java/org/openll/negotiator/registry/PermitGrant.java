package org.openll.negotiator.registry;

import java.time.Instant;
import java.util.List;

/**
 * A permit to run, ready to send to the schedd that owns the step: every machine it holds, the
 * first of which runs the command.
 */
public record PermitGrant(String stepId, List<GrantedShare> machines, Instant issued) {
  public PermitGrant {
    machines = List.copyOf(machines);
    if (machines.isEmpty()) {
      throw new IllegalArgumentException("permit of " + stepId + " has no machine");
    }
  }

  /** The machine that runs the command. */
  public String machine() {
    return machines.get(0).share().machine();
  }

  public String startdAddress() {
    return machines.get(0).startdAddress();
  }

  public String claimSecret() {
    return machines.get(0).claimSecret();
  }

  /** CPUs held on {@link #machine()}. */
  public int cpus() {
    return machines.get(0).share().cpus();
  }
}
