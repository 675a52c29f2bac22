package org.openll.common.admin;

import java.util.Optional;
import java.util.Set;

/**
 * A group stanza (a LoadLeveler group, not a Unix group) with the default group stanza applied.
 * Count limits are {@link Unlimited#VALUE} when not set; they count the steps of every member.
 *
 * @param priority {@code priority}: GroupSysprio (0 by default)
 * @param includeUsers {@code include_users}: who may submit in the group; empty means anyone not excluded
 */
public record GroupStanza(String name, int priority, Set<String> includeUsers, Set<String> excludeUsers,
    int maxJobs, int maxIdle, int maxQueued, int maxNode, int totalTasks, long fairShares) {
  public GroupStanza {
    includeUsers = Set.copyOf(includeUsers);
    excludeUsers = Set.copyOf(excludeUsers);
  }

  public GroupStanza named(String other) {
    return new GroupStanza(other, priority, includeUsers, excludeUsers, maxJobs, maxIdle, maxQueued, maxNode,
        totalTasks, fairShares);
  }

  /** Why {@code user} may not submit in this group; empty when they may. */
  public Optional<String> refusal(String user) {
    if (excludeUsers.contains(user)) {
      return Optional.of("user " + user + " is in exclude_users of group " + name);
    }
    if (!includeUsers.isEmpty() && !includeUsers.contains(user)) {
      return Optional.of("user " + user + " is not in include_users of group " + name);
    }
    return Optional.empty();
  }
}
