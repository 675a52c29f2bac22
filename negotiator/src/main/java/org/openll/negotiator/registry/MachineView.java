package org.openll.negotiator.registry;

import java.time.Instant;
import org.openll.negotiator.match.Machine;

/** What {@code llstatus} shows of one machine. */
public record MachineView(Machine ad, boolean up, int freeCpus, Instant lastHeard) {}
