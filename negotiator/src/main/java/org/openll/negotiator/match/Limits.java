package org.openll.negotiator.match;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.ClassStanza;
import org.openll.common.admin.Unlimited;

/**
 * The admin count limits a cycle enforces: class {@code maxjobs}, {@code max_jobs_per_user} and
 * {@code max_total_tasks}, user {@code maxjobs}, group {@code maxjobs}. Counts start from the
 * allocations and grow with every match of the cycle. Mutable, confined to one cycle.
 */
final class Limits {
  private final AdminConfig admin;
  private final Map<String, Integer> classJobs = new HashMap<>();
  private final Map<String, Integer> classTasks = new HashMap<>();
  private final Map<String, Integer> classUserJobs = new HashMap<>();
  private final Map<String, Integer> userJobs = new HashMap<>();
  private final Map<String, Integer> groupJobs = new HashMap<>();
  private final Map<String, ClassStanza> classStanzas = new HashMap<>();
  private final Map<String, Integer> userMaxJobs = new HashMap<>();
  private final Map<String, Integer> groupMaxJobs = new HashMap<>();

  Limits(AdminConfig admin, Iterable<Allocation> allocations) {
    this.admin = admin;
    for (Allocation a : allocations) {
      record(a.owner(), a.group(), a.jobClass(), a.tasks());
    }
  }

  void record(String owner, String group, String jobClass, int tasks) {
    classJobs.merge(jobClass, 1, Integer::sum);
    classTasks.merge(jobClass, tasks, Integer::sum);
    classUserJobs.merge(jobClass + '\0' + owner, 1, Integer::sum);
    userJobs.merge(owner, 1, Integer::sum);
    groupJobs.merge(group, 1, Integer::sum);
  }

  /** The first limit that starting {@code step} with {@code tasks} tasks would exceed. */
  Optional<Exclusion> check(IdleStepAd step, int tasks) {
    ClassStanza c = classStanzas.computeIfAbsent(step.jobClass(), admin::classNamed);
    int jobs = classJobs.getOrDefault(step.jobClass(), 0);
    if (Unlimited.reached(c.maxJobs(), jobs)) {
      return limit(ExclusionReason.CLASS_LIMIT,
          "class " + step.jobClass() + " runs " + steps(jobs) + ", maxjobs = " + c.maxJobs());
    }
    int perUser = c.maxJobsPerUser() == Unlimited.VALUE ? 0
        : classUserJobs.getOrDefault(step.jobClass() + '\0' + step.owner(), 0);
    if (Unlimited.reached(c.maxJobsPerUser(), perUser)) {
      return limit(ExclusionReason.CLASS_LIMIT, "user " + step.owner() + " runs " + steps(perUser) + " of class "
          + step.jobClass() + ", max_jobs_per_user = " + c.maxJobsPerUser());
    }
    int classTaskCount = classTasks.getOrDefault(step.jobClass(), 0);
    if (c.maxTotalTasks() != Unlimited.VALUE && classTaskCount + tasks > c.maxTotalTasks()) {
      return limit(ExclusionReason.CLASS_LIMIT, "class " + step.jobClass() + " runs " + classTaskCount
          + " tasks and the step needs " + tasks + ", max_total_tasks = " + c.maxTotalTasks());
    }
    int user = userJobs.getOrDefault(step.owner(), 0);
    int userMax = userMaxJobs.computeIfAbsent(step.owner(), u -> admin.user(u).maxJobs());
    if (Unlimited.reached(userMax, user)) {
      return limit(ExclusionReason.USER_LIMIT, "user " + step.owner() + " runs " + steps(user) + ", maxjobs = " + userMax);
    }
    int group = groupJobs.getOrDefault(step.group(), 0);
    int groupMax = groupMaxJobs.computeIfAbsent(step.group(), g -> admin.group(g).maxJobs());
    if (Unlimited.reached(groupMax, group)) {
      return limit(ExclusionReason.GROUP_LIMIT,
          "group " + step.group() + " runs " + steps(group) + ", maxjobs = " + groupMax);
    }
    return Optional.empty();
  }

  private static Optional<Exclusion> limit(ExclusionReason reason, String detail) {
    return Optional.of(new Exclusion(reason, 0, detail));
  }

  private static String steps(int n) {
    return n == 1 ? "1 step" : n + " steps";
  }
}
