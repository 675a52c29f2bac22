package org.openll.common.admin;

import java.util.List;
import java.util.Map;

/**
 * A user stanza with the default user stanza applied. Count limits are {@link Unlimited#VALUE}
 * when not set.
 *
 * @param priority {@code priority}: UserSysprio (0 by default)
 * @param defaultClass {@code default_class}: the first class of the list the user may use and whose
 *     limits fit the step is chosen; empty means {@link AdminConfig#NO_CLASS}
 * @param defaultGroup {@code default_group}; {@link AdminConfig#NO_GROUP} by default
 * @param maxJobs {@code maxjobs}: the user's steps running at once
 * @param maxIdle {@code maxidle}: the user's steps considered for scheduling at once; the excess
 *     waits Not Queued
 * @param maxQueued {@code maxqueued}: the user's steps in the queue (not finished); a submit beyond
 *     it is refused
 * @param maxNode {@code max_node}: machines one step may ask for
 * @param totalTasks {@code total_tasks}: tasks one step may ask for
 * @param fairShares {@code fair_shares}: the user's share of FAIR_SHARE_TOTAL_SHARES (0 = none)
 * @param keywords every keyword of the stanza (lower case) with its text, those openll ignores included
 */
public record UserStanza(String name, int priority, List<String> defaultClass, String defaultGroup, int maxJobs,
    int maxIdle, int maxQueued, int maxNode, int totalTasks, long fairShares, Map<String, String> keywords) {
  public UserStanza {
    defaultClass = List.copyOf(defaultClass);
    keywords = Map.copyOf(keywords);
  }

  /** A stanza without keyword texts (built in code rather than read). */
  public UserStanza(String name, int priority, List<String> defaultClass, String defaultGroup, int maxJobs,
      int maxIdle, int maxQueued, int maxNode, int totalTasks, long fairShares) {
    this(name, priority, defaultClass, defaultGroup, maxJobs, maxIdle, maxQueued, maxNode, totalTasks, fairShares,
        Map.of());
  }

  public UserStanza named(String other) {
    return new UserStanza(other, priority, defaultClass, defaultGroup, maxJobs, maxIdle, maxQueued, maxNode,
        totalTasks, fairShares, keywords);
  }
}
