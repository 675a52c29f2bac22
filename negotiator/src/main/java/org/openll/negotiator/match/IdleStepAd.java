package org.openll.negotiator.match;

import java.time.Instant;
import java.util.Objects;

/**
 * What the negotiator knows of one idle step that wants to run.
 *
 * @param cpus CPUs it needs, at least 1
 * @param requirements expression a machine must satisfy; empty means any machine
 * @param preferences expression that ranks machines satisfying it first; empty means no preference
 * @param userPriority 0..100, higher first
 * @param queueTime orders steps of equal priority, oldest first
 */
public record IdleStepAd(String stepId, String owner, String jobClass, int cpus, String requirements,
    String preferences, int userPriority, Instant queueTime) {
  public IdleStepAd {
    Objects.requireNonNull(stepId, "stepId");
    owner = Objects.requireNonNullElse(owner, "");
    jobClass = Objects.requireNonNullElse(jobClass, "");
    requirements = Objects.requireNonNullElse(requirements, "");
    preferences = Objects.requireNonNullElse(preferences, "");
    queueTime = Objects.requireNonNullElse(queueTime, Instant.EPOCH);
    if (cpus < 1) {
      throw new IllegalArgumentException("step " + stepId + ": cpus must be >= 1, got " + cpus);
    }
  }
}
