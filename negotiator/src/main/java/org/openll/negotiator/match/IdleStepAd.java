package org.openll.negotiator.match;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the negotiator knows of one idle step that wants to run.
 *
 * @param group its LoadLeveler group
 * @param cpus ConsumableCpus per task, at least 1
 * @param requirements expression a machine must satisfy; empty means any machine
 * @param preferences expression that ranks machines satisfying it first; empty means no preference
 * @param userPriority 0..100, higher first among the owner's steps
 * @param queueTime when it was queued (QDate)
 * @param resources other consumables per task (ConsumableMemory in MiB, GPU, ...)
 * @param nodeResources consumables per machine
 * @param nodeMin machines wanted, at least (1 for a serial step)
 * @param nodeMax machines wanted, at most (>= nodeMin)
 * @param tasksPerNode 0 when not given
 * @param totalTasks 0 when not given
 * @param blocking 0 when not given, -1 unlimited, else tasks per block
 * @param notShared node_usage = not_shared
 * @param wallClockLimit the hard wall-clock limit; {@link Duration#ZERO} when none
 * @param parallel job_type parallel or MPICH
 */
public record IdleStepAd(String stepId, String owner, String group, String jobClass, int cpus, String requirements,
    String preferences, int userPriority, Instant queueTime, Map<String, Long> resources,
    Map<String, Long> nodeResources, int nodeMin, int nodeMax, int tasksPerNode, int totalTasks, int blocking,
    boolean notShared, Duration wallClockLimit, boolean parallel) {
  public IdleStepAd {
    Objects.requireNonNull(stepId, "stepId");
    owner = Objects.requireNonNullElse(owner, "");
    group = Objects.requireNonNullElse(group, "");
    jobClass = Objects.requireNonNullElse(jobClass, "");
    requirements = Objects.requireNonNullElse(requirements, "");
    preferences = Objects.requireNonNullElse(preferences, "");
    queueTime = Objects.requireNonNullElse(queueTime, Instant.EPOCH);
    resources = Map.copyOf(resources);
    nodeResources = Map.copyOf(nodeResources);
    wallClockLimit = Objects.requireNonNullElse(wallClockLimit, Duration.ZERO);
    nodeMin = Math.max(1, nodeMin);
    nodeMax = Math.max(nodeMin, nodeMax);
    if (cpus < 1) {
      throw new IllegalArgumentException("step " + stepId + ": cpus must be >= 1, got " + cpus);
    }
  }

  /** A serial step of group No_Group with no other consumable and no wall-clock limit. */
  public IdleStepAd(String stepId, String owner, String jobClass, int cpus, String requirements, String preferences,
      int userPriority, Instant queueTime) {
    this(stepId, owner, "No_Group", jobClass, cpus, requirements, preferences, userPriority, queueTime, Map.of(),
        Map.of(), 1, 1, 0, 0, 0, false, Duration.ZERO, false);
  }
}
