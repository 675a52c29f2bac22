package org.openll.negotiator.match;

import java.util.Objects;
import java.util.Set;
import org.openll.common.admin.AdminConfig;
import org.openll.common.config.SchedulingConfig;

/**
 * The rules a cycle applies, frozen: the scheduling keywords, the admin stanzas, fair-share usage
 * and the favored steps and users.
 *
 * @param favoredSteps step ids and job ids (a job id favors all its steps) set by llfavorjob
 * @param favoredUsers users set by llfavoruser
 */
public record SchedulingPolicy(SchedulingConfig config, AdminConfig admin, FairShareUsage usage,
    Set<String> favoredSteps, Set<String> favoredUsers) {
  public SchedulingPolicy {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(usage, "usage");
    favoredSteps = Set.copyOf(favoredSteps);
    favoredUsers = Set.copyOf(favoredUsers);
  }

  public static SchedulingPolicy defaults() {
    return new SchedulingPolicy(SchedulingConfig.defaults(), AdminConfig.empty(), FairShareUsage.none(), Set.of(),
        Set.of());
  }
}
