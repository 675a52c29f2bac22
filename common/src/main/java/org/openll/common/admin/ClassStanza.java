package org.openll.common.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openll.api.v1.ResourceRequest;
import org.openll.api.v1.StepLimits;

/**
 * A class stanza with the default class stanza applied. Count limits are {@link Unlimited#VALUE}
 * when not set.
 *
 * @param priority {@code priority}: ClassSysprio (0 by default)
 * @param includeUsers {@code include_users}; empty means every user not excluded
 * @param maxJobs {@code maxjobs}: steps of the class running at once in the cluster
 * @param maxJobsPerUser {@code max_jobs_per_user}: running steps of the class per user
 * @param maxTotalTasks {@code max_total_tasks}: tasks of the class running at once
 * @param maxNode {@code max_node}: machines one step of the class may ask for
 * @param limits the {@code *_limit} keywords (hard,soft): they cap a step's limits and default them
 * @param defaultLimits the {@code default_*_limit} keywords: the default where the step sets none
 *     (falling back to {@code limits})
 * @param defaultResources {@code default_resources}: per task, for steps without a resources keyword
 * @param comment {@code class_comment}
 * @param keywords every keyword of the stanza (lower case) with its text, for llclass -l
 */
public record ClassStanza(String name, int priority, Set<String> includeUsers, Set<String> excludeUsers,
    Set<String> includeGroups, Set<String> excludeGroups, int maxJobs, int maxJobsPerUser, int maxTotalTasks,
    int maxNode, StepLimits limits, StepLimits defaultLimits, List<ResourceRequest> defaultResources,
    String comment, Map<String, String> keywords) {
  public ClassStanza {
    includeUsers = Set.copyOf(includeUsers);
    excludeUsers = Set.copyOf(excludeUsers);
    includeGroups = Set.copyOf(includeGroups);
    excludeGroups = Set.copyOf(excludeGroups);
    defaultResources = List.copyOf(defaultResources);
    keywords = Map.copyOf(keywords);
  }

  /** This stanza under another name (a class without its own stanza gets the default's values). */
  public ClassStanza named(String other) {
    return new ClassStanza(other, priority, includeUsers, excludeUsers, includeGroups, excludeGroups, maxJobs,
        maxJobsPerUser, maxTotalTasks, maxNode, limits, defaultLimits, defaultResources, comment, keywords);
  }

  /**
   * Why {@code user} of LoadLeveler group {@code group} may not use this class, e.g.
   * {@code "user bob is in exclude_users of class short"}; empty when they may.
   */
  public Optional<String> refusal(String user, String group) {
    if (excludeUsers.contains(user)) {
      return Optional.of("user " + user + " is in exclude_users of class " + name);
    }
    if (!includeUsers.isEmpty() && !includeUsers.contains(user)) {
      return Optional.of("user " + user + " is not in include_users of class " + name);
    }
    if (excludeGroups.contains(group)) {
      return Optional.of("group " + group + " is in exclude_groups of class " + name);
    }
    if (!includeGroups.isEmpty() && !includeGroups.contains(group)) {
      return Optional.of("group " + group + " is not in include_groups of class " + name);
    }
    return Optional.empty();
  }
}
