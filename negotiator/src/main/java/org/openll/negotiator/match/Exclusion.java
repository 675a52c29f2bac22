package org.openll.negotiator.match;

/**
 * One reason a step did not start, with the machines it excluded (0 for a reason about the step
 * itself, such as a user limit) and a line a user understands.
 */
public record Exclusion(ExclusionReason reason, int machines, String detail) {}
