package org.openll.negotiator.match;

import java.time.Duration;
import java.util.Map;

/**
 * The fields of an idle step that decide where it can run (its autocluster key, as HTCondor names
 * it): two steps with equal shapes are matched identically against the same pool. Owner, group,
 * priority and queue time are not part of it: they decide order and limits, not placement.
 */
record Shape(String jobClass, String requirements, String preferences, int cpus, Map<String, Long> resources,
    Map<String, Long> nodeResources, int nodeMin, int nodeMax, int tasksPerNode, int totalTasks, int blocking,
    boolean notShared, Duration wallClockLimit, boolean parallel) {
  static Shape of(IdleStepAd s) {
    // the ad's maps are immutable already: no copy (a cycle takes the shape of every idle step)
    return new Shape(s.jobClass(), s.requirements(), s.preferences(), s.cpus(), s.resources(),
        s.nodeResources(), s.nodeMin(), s.nodeMax(), s.tasksPerNode(), s.totalTasks(), s.blocking(),
        s.notShared(), s.wallClockLimit(), s.parallel());
  }

  TaskLayout layout() {
    return TaskLayout.of(this);
  }
}
