package org.openll.negotiator.registry;

import java.time.Instant;

/** A permit to run, ready to send to the schedd that owns the step. */
public record PermitGrant(String stepId, String machine, String startdAddress, String claimSecret, int cpus,
    Instant issued) {}
