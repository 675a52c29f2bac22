package org.openll.negotiator.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openll.common.admin.AdminConfig;
import org.openll.common.sysprio.SysprioVariables;

/**
 * The order in which a cycle considers idle steps: favored steps and users first, then SYSPRIO
 * descending, then queue time, then step id; then {@code user_priority} reorders each owner's own
 * steps among the positions that owner's steps hold (higher first, then queue time, then id), so
 * it never moves a step ahead of another user's.
 */
final class StepOrder {
  /** One step in order, with its SYSPRIO. */
  record Ranked(IdleStepAd step, double sysprio, boolean favored) {}

  private StepOrder() {}

  static List<Ranked> of(PoolSnapshot snapshot) {
    SchedulingPolicy policy = snapshot.policy();
    AdminConfig admin = policy.admin();
    Map<String, Integer> userQueued = new HashMap<>();
    Map<String, Integer> groupQueued = new HashMap<>();
    Map<String, Integer> userRunning = new HashMap<>();
    Map<String, Integer> groupRunning = new HashMap<>();
    for (IdleStepAd s : snapshot.idleSteps()) {
      userQueued.merge(s.owner(), 1, Integer::sum);
      groupQueued.merge(s.group(), 1, Integer::sum);
    }
    for (Allocation a : snapshot.allocations()) {
      userRunning.merge(a.owner(), 1, Integer::sum);
      groupRunning.merge(a.group(), 1, Integer::sum);
    }
    List<Ranked> ranked = new ArrayList<>(snapshot.idleSteps().size());
    Map<String, Double> classPriority = new HashMap<>();
    for (IdleStepAd s : snapshot.idleSteps()) {
      double cls = classPriority.computeIfAbsent(s.jobClass(), c -> (double) admin.classNamed(c).priority());
      var user = admin.user(s.owner());
      var group = admin.group(s.group());
      int uq = userQueued.getOrDefault(s.owner(), 0);
      int ur = userRunning.getOrDefault(s.owner(), 0);
      int gq = groupQueued.getOrDefault(s.group(), 0);
      int gr = groupRunning.getOrDefault(s.group(), 0);
      SysprioVariables v = new SysprioVariables(cls, user.priority(), group.priority(), s.userPriority(),
          s.queueTime().getEpochSecond(), uq, ur, uq + ur, gq, gr, gq + gr, user.fairShares(),
          policy.usage().users().getOrDefault(s.owner(), 0.0), group.fairShares(),
          policy.usage().groups().getOrDefault(s.group(), 0.0));
      ranked.add(new Ranked(s, policy.config().sysprio().evaluate(v), favored(policy, s)));
    }
    ranked.sort(StepOrder::compare);
    return byUserPriority(ranked);
  }

  /**
   * Favored first, then SYSPRIO descending, queue time, step id. Written out rather than chained
   * from {@link java.util.Comparator}s: a cycle sorts every idle step, and at 10,000 of them the
   * chained comparator (a lambda per level, a boxed boolean) was an eighth of the negotiator's CPU.
   */
  private static int compare(Ranked a, Ranked b) {
    if (a.favored() != b.favored()) {
      return a.favored() ? -1 : 1;
    }
    int c = Double.compare(b.sysprio(), a.sysprio());
    return c != 0 ? c : byQueueTimeThenId(a.step(), b.step());
  }

  /** Among one owner's steps: user_priority descending, queue time, step id. */
  private static int compareWithinUser(Ranked a, Ranked b) {
    int c = Integer.compare(b.step().userPriority(), a.step().userPriority());
    return c != 0 ? c : byQueueTimeThenId(a.step(), b.step());
  }

  private static int byQueueTimeThenId(IdleStepAd a, IdleStepAd b) {
    int c = a.queueTime().compareTo(b.queueTime());
    return c != 0 ? c : a.stepId().compareTo(b.stepId());
  }

  static boolean favored(SchedulingPolicy policy, IdleStepAd s) {
    if (policy.favoredUsers().contains(s.owner())) {
      return true;
    }
    if (policy.favoredSteps().isEmpty()) {
      return false;
    }
    if (policy.favoredSteps().contains(s.stepId())) {
      return true;
    }
    int dot = s.stepId().lastIndexOf('.');
    return dot > 0 && policy.favoredSteps().contains(s.stepId().substring(0, dot));
  }

  private static List<Ranked> byUserPriority(List<Ranked> ranked) {
    if (ownersAlreadyInOrder(ranked)) {
      return ranked; // the usual case (equal user priorities, SYSPRIO falling with QDate): nothing moves
    }
    Map<String, List<Integer>> positions = new LinkedHashMap<>();
    Map<String, List<Ranked>> steps = new HashMap<>();
    for (int i = 0; i < ranked.size(); i++) {
      String owner = ranked.get(i).step().owner();
      positions.computeIfAbsent(owner, o -> new ArrayList<>()).add(i);
      steps.computeIfAbsent(owner, o -> new ArrayList<>()).add(ranked.get(i));
    }
    Ranked[] out = new Ranked[ranked.size()];
    positions.forEach((owner, at) -> {
      List<Ranked> own = steps.get(owner);
      own.sort(StepOrder::compareWithinUser);
      for (int i = 0; i < at.size(); i++) {
        out[at.get(i)] = own.get(i);
      }
    });
    return List.of(out);
  }

  /** Whether each owner's steps already follow one another in {@link #compareWithinUser} order. */
  private static boolean ownersAlreadyInOrder(List<Ranked> ranked) {
    Map<String, Ranked> last = new HashMap<>();
    for (Ranked r : ranked) {
      Ranked before = last.put(r.step().owner(), r);
      if (before != null && compareWithinUser(before, r) > 0) {
        return false;
      }
    }
    return true;
  }
}
