package org.openll.common.admin;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A group stanza (a LoadLeveler group, not a Unix group) with the default group stanza applied.
 * Count limits are {@link Unlimited#VALUE} when not set; they count the steps of every member.
 *
 * @param priority {@code priority}: GroupSysprio (0 by default)
 * @param includeUsers {@code include_users}: who may submit in the group; empty means anyone not excluded
 * @param excludeUsers {@code exclude_users}: who may not
 * @param maxJobs {@code maxjobs}: the members' steps running at once
 * @param maxIdle {@code maxidle}: the members' steps considered for scheduling at once
 * @param maxQueued {@code maxqueued}: the members' steps in the queue
 * @param maxNode {@code max_node}: machines one step may ask for
 * @param totalTasks {@code total_tasks}: tasks one step may ask for
 * @param fairShares {@code fair_shares}: the group's share of FAIR_SHARE_TOTAL_SHARES (0 = none)
 * @param keywords every keyword of the stanza (lower case) with its text, those openll ignores included
 */
public record GroupStanza(String name, int priority, Set<String> includeUsers, Set<String> excludeUsers,
    int maxJobs, int maxIdle, int maxQueued, int maxNode, int totalTasks, long fairShares,
    Map<String, String> keywords) {
  public GroupStanza {
    includeUsers = Set.copyOf(includeUsers);
    excludeUsers = Set.copyOf(excludeUsers);
    keywords = Map.copyOf(keywords);
  }

  /** A stanza without keyword texts (built in code rather than read). */
  public GroupStanza(String name, int priority, Set<String> includeUsers, Set<String> excludeUsers, int maxJobs,
      int maxIdle, int maxQueued, int maxNode, int totalTasks, long fairShares) {
    this(name, priority, includeUsers, excludeUsers, maxJobs, maxIdle, maxQueued, maxNode, totalTasks, fairShares,
        Map.of());
  }

  public GroupStanza named(String other) {
    return new GroupStanza(other, priority, includeUsers, excludeUsers, maxJobs, maxIdle, maxQueued, maxNode,
        totalTasks, fairShares, keywords);
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
