package org.openll.schedd.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openll.api.v1.StateChange;
import org.openll.api.v1.StepStatus;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.GroupStanza;
import org.openll.common.admin.Unlimited;
import org.openll.common.admin.UserStanza;
import org.openll.common.state.StepState;
import org.openll.schedd.store.StoredStep;

/**
 * The {@code maxidle} keyword of user and group stanzas: of the steps of a user (and of a group)
 * that could be Idle, only the first {@code maxidle} in queue order (user priority, highest first,
 * then queue time, then job and step number) are Idle, i.e. offered to the negotiator; the others
 * wait Not Queued with a history message starting with {@link #MARK}, which tells them apart from
 * steps Not Queued for a dependency. A plan scans the queue once and sorts only the steps of users
 * and groups with a limit. Pure.
 */
final class IdleLimits {
  /** Start of the history message of a step Not Queued by maxidle. */
  static final String MARK = "maxidle";

  static final Comparator<StoredStep> QUEUE_ORDER = Comparator
      .comparingInt((StoredStep s) -> -s.status().getSpec().getUserPriority())
      .thenComparingLong(s -> s.status().getQueueTime().getSeconds())
      .thenComparingInt(s -> s.status().getQueueTime().getNanos())
      .thenComparingLong(StoredStep::jobNumber)
      .thenComparingInt(StoredStep::stepNumber);

  /** Steps to move: Idle ones beyond a limit, and waiting ones that fit again, each in queue order. */
  record Plan(List<StoredStep> demote, List<StoredStep> promote, Map<String, String> reasons) {
    boolean isEmpty() {
      return demote.isEmpty() && promote.isEmpty();
    }
  }

  private IdleLimits() {}

  /** True when some user or group stanza (default ones included) sets maxidle. */
  static boolean limited(AdminConfig admin) {
    return admin.defaultUser().maxIdle() != Unlimited.VALUE || admin.defaultGroup().maxIdle() != Unlimited.VALUE
        || admin.users().values().stream().anyMatch(u -> u.maxIdle() != Unlimited.VALUE)
        || admin.groups().values().stream().anyMatch(g -> g.maxIdle() != Unlimited.VALUE);
  }

  /** True for a step Not Queued by maxidle (not by a dependency). */
  static boolean isWaiting(StepStatus status) {
    if (status.getState() != org.openll.api.v1.StepState.STEP_STATE_NOT_QUEUED || status.getHistoryCount() == 0) {
      return false;
    }
    StateChange last = status.getHistory(status.getHistoryCount() - 1);
    return last.getMessage().startsWith(MARK);
  }

  /** The moves that make the Idle steps of {@code active} obey the maxidle limits of {@code admin}. */
  static Plan plan(Collection<StoredStep> active, AdminConfig admin) {
    // steps of a user and a group without maxidle never move: only the others are sorted
    List<StoredStep> candidates = active.stream()
        .filter(s -> s.state() == StepState.IDLE || isWaiting(s.status()))
        .filter(s -> isWaiting(s.status()) || admin.user(s.owner()).maxIdle() != Unlimited.VALUE
            || admin.group(group(s.status())).maxIdle() != Unlimited.VALUE)
        .sorted(QUEUE_ORDER).toList();
    Map<String, Integer> perUser = new HashMap<>();
    Map<String, Integer> perGroup = new HashMap<>();
    List<StoredStep> demote = new ArrayList<>();
    List<StoredStep> promote = new ArrayList<>();
    Map<String, String> reasons = new HashMap<>();
    for (StoredStep step : candidates) {
      String user = step.owner();
      String group = group(step.status());
      UserStanza u = admin.user(user);
      GroupStanza g = admin.group(group);
      boolean userFull = Unlimited.reached(u.maxIdle(), perUser.getOrDefault(user, 0));
      boolean groupFull = Unlimited.reached(g.maxIdle(), perGroup.getOrDefault(group, 0));
      if (!userFull && !groupFull) {
        perUser.merge(user, 1, Integer::sum);
        perGroup.merge(group, 1, Integer::sum);
        if (step.state() != StepState.IDLE) {
          promote.add(step);
        }
      } else if (step.state() == StepState.IDLE) {
        demote.add(step);
        reasons.put(step.stepId(), userFull
            ? MARK + " = " + u.maxIdle() + " of user " + user + " reached"
            : MARK + " = " + g.maxIdle() + " of group " + group + " reached");
      }
    }
    return new Plan(demote, promote, reasons);
  }

  static String group(StepStatus status) {
    String group = status.getSpec().getGroup();
    return group.isBlank() ? AdminConfig.NO_GROUP : group;
  }
}
