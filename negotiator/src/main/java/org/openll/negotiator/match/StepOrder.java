package org.openll.negotiator.match;

import java.util.ArrayList;
import java.util.Comparator;
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
    Comparator<Ranked> order = Comparator.<Ranked, Boolean>comparing(r -> !r.favored())
        .thenComparing(Comparator.comparingDouble(Ranked::sysprio).reversed())
        .thenComparing(r -> r.step().queueTime())
        .thenComparing(r -> r.step().stepId());
    ranked.sort(order);
    return byUserPriority(ranked);
  }

  static boolean favored(SchedulingPolicy policy, IdleStepAd s) {
    if (policy.favoredUsers().contains(s.owner()) || policy.favoredSteps().contains(s.stepId())) {
      return true;
    }
    int dot = s.stepId().lastIndexOf('.');
    return dot > 0 && policy.favoredSteps().contains(s.stepId().substring(0, dot));
  }

  private static final Comparator<Ranked> WITHIN_USER = Comparator
      .comparingInt((Ranked r) -> r.step().userPriority()).reversed()
      .thenComparing(r -> r.step().queueTime())
      .thenComparing(r -> r.step().stepId());

  private static List<Ranked> byUserPriority(List<Ranked> ranked) {
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
      own.sort(WITHIN_USER);
      for (int i = 0; i < at.size(); i++) {
        out[at.get(i)] = own.get(i);
      }
    });
    return List.of(out);
  }
}
