package org.openll.negotiator.registry;

import java.time.Instant;
import org.openll.negotiator.match.Machine;

/** What {@code llstatus} shows of one machine: its latest ad and what the steps there hold. */
public record MachineView(Machine ad, boolean up, MachineLoad load, Instant lastHeard) {
  public int freeCpus() {
    return load.freeCpus();
  }
}
