package org.openll.negotiator.match;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one cycle decided about one idle step and why (llq -s).
 *
 * @param summary the deciding reason in one line; empty when matched
 * @param exclusions every reason that held, each with the machines it excluded
 * @param classSlotsTotal initiators of its class on the up machines
 * @param classSlotsFree of those, free at the start of the cycle
 * @param slotsRequired initiators it needs (its tasks)
 * @param topDog whether it holds the backfill reservation
 * @param willStartBy for a top dog, when its machines will be free; null otherwise
 * @param queuePosition 1 for the step considered first
 */
public record StepVerdict(String stepId, boolean matched, String summary, List<Exclusion> exclusions, String jobClass,
    int classSlotsTotal, int classSlotsFree, int slotsRequired, boolean topDog, Instant willStartBy, double sysprio,
    int queuePosition) {
  public StepVerdict {
    exclusions = List.copyOf(exclusions);
  }

  public Optional<Instant> startBy() {
    return Optional.ofNullable(willStartBy);
  }
}
