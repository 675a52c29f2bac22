package org.openll.negotiator.registry;

import java.time.Instant;

/** A machine the registry declared lost: its startd was silent past {@code MACHINE_LOST_TIMEOUT}. */
public record MachineLost(String machine, Instant lastHeard, String reason) implements MachineNotice {}
