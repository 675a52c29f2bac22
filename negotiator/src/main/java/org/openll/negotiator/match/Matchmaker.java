package org.openll.negotiator.match;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.openll.common.expr.ExpressionCache;
import org.openll.common.expr.ExpressionSyntaxException;
import org.openll.common.expr.Requirements;

/**
 * The negotiation cycle's decision, as a pure function of a {@link PoolSnapshot}: no I/O, no
 * clock, same snapshot gives the same plan.
 *
 * <p>Steps are taken by {@code userPriority} descending, then {@code queueTime} ascending, then
 * step id. Each goes to an up machine that runs its class, satisfies its requirements and has
 * enough free CPUs; among those, machines satisfying its preferences come first, then the most free
 * CPUs, then the smallest name. Each match's CPUs are subtracted before the next step is placed, so
 * a plan never oversubscribes a machine. Expressions see each machine through
 * {@link Machine#attributes(int)}, with {@code ConsumableCpus} the CPUs still free in this cycle.
 * A step whose requirements or preferences do not parse is never matched; the parse error is its
 * reason. Evaluating expressions never throws (see {@link Requirements#test}).
 *
 * <p>Thread-safe (the expression cache is).
 */
public final class Matchmaker {
  static final Comparator<IdleStepAd> STEP_ORDER = Comparator.comparingInt(IdleStepAd::userPriority).reversed()
      .thenComparing(IdleStepAd::queueTime)
      .thenComparing(IdleStepAd::stepId);

  private final ExpressionCache expressions;

  @Inject
  public Matchmaker(ExpressionCache expressions) {
    this.expressions = expressions;
  }

  public MatchPlan negotiate(PoolSnapshot snapshot) {
    List<Machine> up = snapshot.machines().stream()
        .filter(PoolMachine::up)
        .map(PoolMachine::ad)
        .sorted(Comparator.comparing(Machine::name))
        .toList();
    Map<String, Integer> free = new HashMap<>();
    for (Machine machine : up) {
      free.put(machine.name(), FreeCpus.of(machine, snapshot.allocations()));
    }
    Set<String> reserved = snapshot.allocations().stream().map(Allocation::stepId).collect(Collectors.toSet());

    List<Match> matches = new ArrayList<>();
    Map<String, String> unmatched = new LinkedHashMap<>();
    for (IdleStepAd step : snapshot.idleSteps().stream().sorted(STEP_ORDER).toList()) {
      if (reserved.contains(step.stepId())) {
        unmatched.put(step.stepId(), "already holds a permit");
        continue;
      }
      Requirements requirements;
      Requirements preferences;
      try {
        requirements = expressions.compile(step.requirements());
      } catch (ExpressionSyntaxException e) {
        unmatched.put(step.stepId(), "requirements: " + e.getMessage());
        continue;
      }
      try {
        preferences = expressions.compile(step.preferences());
      } catch (ExpressionSyntaxException e) {
        unmatched.put(step.stepId(), "preferences: " + e.getMessage());
        continue;
      }
      Placement placement = place(step, requirements, preferences, up, free);
      if (placement.machine() == null) {
        unmatched.put(step.stepId(), placement.reason());
      } else {
        free.merge(placement.machine().name(), -step.cpus(), Integer::sum);
        matches.add(new Match(step.stepId(), placement.machine().name(), step.cpus()));
      }
    }
    Map<String, StepVerdict> verdicts = new LinkedHashMap<>();
    unmatched.forEach((id, reason) -> verdicts.put(id,
        new StepVerdict(id, false, reason, List.of(), "", 0, 0, 1, false, null, 0, 0)));
    return new MatchPlan(matches, verdicts);
  }

  private record Placement(Machine machine, String reason) {}

  private record Candidate(Machine machine, boolean preferred, int free) {}

  private static final Comparator<Candidate> RANK = Comparator.comparing(Candidate::preferred).reversed()
      .thenComparing(Comparator.comparingInt(Candidate::free).reversed())
      .thenComparing(c -> c.machine().name());

  private static Placement place(IdleStepAd step, Requirements requirements, Requirements preferences,
      List<Machine> up, Map<String, Integer> free) {
    if (up.isEmpty()) {
      return new Placement(null, "no machine is up");
    }
    List<Machine> byClass = up.stream().filter(m -> m.runsClass(step.jobClass())).toList();
    if (byClass.isEmpty()) {
      return new Placement(null, "no machine runs class " + step.jobClass());
    }
    List<Machine> byRequirements = byClass.stream()
        .filter(m -> requirements.test(m.attributes(free.get(m.name()))))
        .toList();
    if (byRequirements.isEmpty()) {
      return new Placement(null, "requirements not met by any machine");
    }
    Candidate best = byRequirements.stream()
        .filter(m -> free.get(m.name()) >= step.cpus())
        .map(m -> new Candidate(m, preferences.test(m.attributes(free.get(m.name()))), free.get(m.name())))
        .min(RANK)
        .orElse(null);
    if (best != null) {
      return new Placement(best.machine(), null);
    }
    boolean bigEnough = byRequirements.stream().anyMatch(m -> m.cpus() >= step.cpus());
    return new Placement(null, bigEnough
        ? "no machine with " + step.cpus() + " free CPUs"
        : "no machine has " + step.cpus() + " CPUs");
  }
}
