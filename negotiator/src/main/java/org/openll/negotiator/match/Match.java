package org.openll.negotiator.match;

/** The decision to run one step on one machine with {@code cpus} reserved there. */
public record Match(String stepId, String machine, int cpus) {}
