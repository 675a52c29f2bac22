package org.openll.negotiator.match;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.openll.common.config.SchedulingConfig.SchedulerType;
import org.openll.common.expr.ExpressionCache;
import org.openll.common.expr.ExpressionSyntaxException;
import org.openll.common.expr.Requirements;

/** One negotiation cycle over one snapshot: the mutable state behind {@link Matchmaker#negotiate}. */
final class Cycle {
  /** The order in which a machine's exclusion is attributed: the first reason that holds counts. */
  static final List<ExclusionReason> ORDER = List.of(ExclusionReason.MACHINE_DOWN, ExclusionReason.MACHINE_DRAINED,
      ExclusionReason.CLASS_NOT_OFFERED, ExclusionReason.REQUIREMENTS, ExclusionReason.NOT_SHARED,
      ExclusionReason.CLASS_SLOTS, ExclusionReason.CPUS, ExclusionReason.MEMORY, ExclusionReason.RESOURCE,
      ExclusionReason.TOP_DOG, ExclusionReason.NOT_ENOUGH_MACHINES, ExclusionReason.FLOATING_RESOURCE);

  private final PoolSnapshot snapshot;
  private final ExpressionCache expressions;
  private final boolean backfill;
  private final List<MachineState> machines = new ArrayList<>();
  private final Map<String, MachineState> byName = new HashMap<>();
  private final int downMachines;
  private final int drainedMachines;
  private final Set<String> accounted;
  private final Set<String> floating;
  private final Map<String, Long> floatingFree = new HashMap<>();
  private final Limits limits;
  private final Map<Shape, Group> groups = new HashMap<>();
  private final Map<String, int[]> classSlotsAtStart = new HashMap<>();
  /** When held machines come back, for the top dog's projection: allocations and this cycle's matches. */
  private final List<Release> releases = new ArrayList<>();
  /** The steps that hold an allocation. */
  private final Set<String> allocated = new HashSet<>();
  private final List<Match> matches = new ArrayList<>();
  private final Map<String, StepVerdict> verdicts = new LinkedHashMap<>();
  private TopDog topDog;

  /** Shares that come back at {@code end} (null: never). */
  private record Release(Instant end, String jobClass, List<MachineShare> shares) {}

  private record TopDog(String stepId, Instant start, Set<MachineState> machines) {}

  /** What a step consumes, split into machine and floating consumables; built once per shape. */
  private record Demand(int cpus, Map<String, Long> perTask, Map<String, Long> perNode,
      Map<String, Long> floatingPerTask, Map<String, Long> floatingPerNode) {}

  /** A failure for resources, shared by every later step of the same shape in this cycle. */
  private record Failure(String summary, List<Exclusion> exclusions, boolean forResources) {}

  /** The steps of one shape (autocluster): static matching done once, candidates by rank. */
  private final class Group {
    final Shape shape;
    final TaskLayout layout;
    final Demand demand;
    Requirements requirements;
    Requirements preferences;
    String syntaxError;
    boolean dynamicRequirements;
    final List<MachineState> candidates = new ArrayList<>();
    final Set<String> preferred = new HashSet<>();
    final EnumMap<ExclusionReason, Integer> staticCounts = new EnumMap<>(ExclusionReason.class);
    RankHeap heap;
    Failure failure;

    Group(Shape shape) {
      this.shape = shape;
      this.layout = shape.layout();
      this.demand = demand(shape);
      try {
        requirements = expressions.compile(shape.requirements());
      } catch (ExpressionSyntaxException e) {
        syntaxError = "requirements: " + e.getMessage();
        return;
      }
      try {
        preferences = expressions.compile(shape.preferences());
      } catch (ExpressionSyntaxException e) {
        syntaxError = "preferences: " + e.getMessage();
        return;
      }
      dynamicRequirements = requirements.mentions("ConsumableCpus") || requirements.mentions("ConsumableMemory");
      if (downMachines > 0) {
        staticCounts.put(ExclusionReason.MACHINE_DOWN, downMachines);
      }
      if (drainedMachines > 0) {
        staticCounts.put(ExclusionReason.MACHINE_DRAINED, drainedMachines);
      }
      heap = new RankHeap(machines.size());
      for (MachineState m : machines) {
        if (!MachineState.offers(m.ad, shape.jobClass())) {
          staticCounts.merge(ExclusionReason.CLASS_NOT_OFFERED, 1, Integer::sum);
        } else if (!requirements.test(m.attributes())) {
          staticCounts.merge(ExclusionReason.REQUIREMENTS, 1, Integer::sum);
        } else {
          candidates.add(m);
          boolean pref = !preferences.isAlways() && preferences.test(m.attributes());
          if (pref) {
            preferred.add(m.name());
          }
          heap.append(RankHeap.key(pref, m.freeCpus, m.index));
        }
      }
      heap.heapify();
    }

    /** Candidates in rank order, re-ranked lazily: an entry whose free CPUs changed goes back in. */
    MachineState next() {
      while (!heap.isEmpty()) {
        long key = heap.poll();
        MachineState m = machines.get(RankHeap.index(key));
        if (RankHeap.free(key) != Math.max(0, m.freeCpus)) {
          heap.add(RankHeap.key(RankHeap.preferred(key), m.freeCpus, m.index));
          continue;
        }
        return m;
      }
      return null;
    }

    void putBack(MachineState m) {
      heap.add(RankHeap.key(preferred.contains(m.name()), m.freeCpus, m.index));
    }
  }

  Cycle(PoolSnapshot snapshot, ExpressionCache expressions) {
    this.snapshot = snapshot;
    this.expressions = expressions;
    this.backfill = snapshot.policy().config().schedulerType() == SchedulerType.BACKFILL;
    List<String> byResources = snapshot.policy().config().scheduleByResources();
    this.accounted = byResources.isEmpty() ? null : Set.copyOf(byResources);
    this.floating = snapshot.policy().config().floatingResources().keySet();
    floatingFree.putAll(snapshot.policy().config().floatingResources());
    int down = 0;
    int drained = 0;
    List<Machine> up = new ArrayList<>();
    for (PoolMachine pm : snapshot.machines()) {
      if (!pm.up()) {
        down++;
      } else if (pm.ad().drained()) {
        drained++;
      } else {
        up.add(pm.ad());
      }
    }
    this.downMachines = down;
    this.drainedMachines = drained;
    up.sort(Comparator.comparing(Machine::name));
    for (Machine m : up) {
      MachineState s = new MachineState(m, machines.size(), m.unclaimedCpus(), new HashMap<>(), new HashMap<>(),
          m.running().size(), 0);
      machines.add(s);
      byName.put(m.name(), s);
    }
    for (Allocation a : snapshot.allocations()) {
      allocated.add(a.stepId());
      for (MachineShare share : a.machines()) {
        Map<String, Long> floatingHeld = new HashMap<>();
        share.resources().forEach((name, amount) -> {
          if (floating.contains(name)) {
            floatingHeld.merge(name, amount, Long::sum);
          }
        });
        floatingHeld.forEach((name, amount) -> floatingFree.merge(name, -amount, Long::sum));
        MachineState s = byName.get(share.machine());
        if (s == null) {
          continue;
        }
        boolean inAd = s.ad.running().containsKey(a.stepId());
        s.take(a.jobClass(), share.tasks(), inAd ? 0 : share.cpus(), machineResources(share.resources()),
            share.exclusive());
        if (inAd) {
          s.occupants--;
        }
      }
      Instant end = a.wallClockLimit().isZero() ? null : a.since().plus(a.wallClockLimit());
      releases.add(new Release(end, a.jobClass(), a.machines()));
    }
    // A step an ad still lists that no allocation covers (its schedd already reported it ended, the
    // startd's next ad will free it; or its schedd has not reported it yet) holds its CPUs until an
    // unknown time: a top dog waiting on it keeps its machines, with no start time.
    for (MachineState s : machines) {
      s.ad.running().forEach((stepId, cpus) -> {
        if (!allocated.contains(stepId)) {
          releases.add(new Release(null, "", List.of(new MachineShare(s.ad.name(), 0, cpus, Map.of(), false))));
        }
      });
    }
    this.limits = new Limits(snapshot.policy().admin(), snapshot.allocations());
  }

  /** The accounted machine consumables among {@code resources} (floating ones and unaccounted ones dropped). */
  private Map<String, Long> machineResources(Map<String, Long> resources) {
    Map<String, Long> out = new HashMap<>();
    resources.forEach((name, amount) -> {
      if (!floating.contains(name) && accounts(name)) {
        out.put(name, amount);
      }
    });
    return out;
  }

  private boolean accounts(String resource) {
    return !resource.equals("ConsumableCpus") && (accounted == null || accounted.contains(resource));
  }

  private Demand demand(Shape s) {
    Map<String, Long> perTask = new TreeMap<>();
    Map<String, Long> perNode = new TreeMap<>();
    Map<String, Long> floatTask = new TreeMap<>();
    Map<String, Long> floatNode = new TreeMap<>();
    s.resources().forEach((name, amount) -> {
      if (floating.contains(name)) {
        floatTask.put(name, amount);
      } else if (accounts(name)) {
        perTask.put(name, amount);
      }
    });
    s.nodeResources().forEach((name, amount) -> {
      if (floating.contains(name)) {
        floatNode.put(name, amount);
      } else if (accounts(name)) {
        perNode.put(name, amount);
      }
    });
    return new Demand(s.cpus(), perTask, perNode, floatTask, floatNode);
  }

  MatchPlan run() {
    List<StepOrder.Ranked> order = StepOrder.of(snapshot);
    for (IdleStepAd s : snapshot.idleSteps()) {
      classSlotsAtStart.computeIfAbsent(s.jobClass(), this::classSlots);
    }
    int position = 0;
    for (StepOrder.Ranked r : order) {
      position++;
      IdleStepAd step = r.step();
      if (allocated.contains(step.stepId())) {
        verdict(step, r, position, false, "already holds an allocation; not matched again", List.of(), 1, false);
        continue;
      }
      Group g = groups.computeIfAbsent(Shape.of(step), Group::new);
      if (g.syntaxError != null) {
        verdict(step, r, position, false, g.syntaxError,
            List.of(new Exclusion(ExclusionReason.EXPRESSION_ERROR, 0, g.syntaxError)), g.layout.total(), false);
        continue;
      }
      int tasks = g.layout.total();
      Optional<Exclusion> limit = limits.check(step, tasks);
      if (limit.isPresent()) {
        verdict(step, r, position, false, limit.get().detail(), List.of(limit.get()), tasks, false);
        continue;
      }
      if (g.failure != null) {
        verdict(step, r, position, false, g.failure.summary(), g.failure.exclusions(), tasks, false);
        continue;
      }
      List<TaskLayout.Slot> slots = g.layout.choose(heapSource(g));
      if (slots != null) {
        Optional<Exclusion> short_ = floatingShortfall(g.demand, slots);
        if (short_.isPresent()) {
          slots.forEach(slot -> g.putBack(slot.machine()));
          g.failure = new Failure(short_.get().detail(), List.of(short_.get()), false);
          verdict(step, r, position, false, g.failure.summary(), g.failure.exclusions(), tasks, false);
          continue;
        }
        commit(step, g, slots);
        verdict(step, r, position, true, "", List.of(), tasks, false);
        continue;
      }
      g.failure = explain(g);
      if (backfill && topDog == null && g.failure.forResources()) {
        TopDog dog = project(step, g);
        if (dog != null) {
          topDog = dog;
          String when = dog.start() == null
              ? "no start time: steps without a wall_clock_limit hold the machines it needs"
              : "will start by " + dog.start();
          verdict(step, r, position, false, "top dog, " + when + "; " + g.failure.summary(),
              g.failure.exclusions(), tasks, true);
          continue;
        }
      }
      verdict(step, r, position, false, g.failure.summary(), g.failure.exclusions(), tasks, false);
    }
    return new MatchPlan(matches, verdicts);
  }

  private int[] classSlots(String jobClass) {
    int total = 0;
    int free = 0;
    for (MachineState m : machines) {
      total += MachineState.slots(m.ad, jobClass);
      free += Math.max(0, m.slotsFree(jobClass));
    }
    return new int[] {total, free};
  }

  private void verdict(IdleStepAd step, StepOrder.Ranked r, int position, boolean matched, String summary,
      List<Exclusion> exclusions, int slotsRequired, boolean isTopDog) {
    int[] slots = classSlotsAtStart.getOrDefault(step.jobClass(), new int[2]);
    verdicts.put(step.stepId(), new StepVerdict(step.stepId(), matched, summary, exclusions, step.jobClass(),
        slots[0], slots[1], slotsRequired, isTopDog, isTopDog ? topDog.start() : null, r.sysprio(), position));
  }

  private Candidates heapSource(Group g) {
    return new Candidates() {
      @Override
      public MachineState next() {
        return g.next();
      }

      @Override
      public void putBack(MachineState m) {
        g.putBack(m);
      }

      @Override
      public int capacity(MachineState m) {
        if (topDog != null && topDog.machines().contains(m) && !mayBackfill(g.shape)) {
          return 0;
        }
        if (g.dynamicRequirements && !g.requirements.test(m.attributes())) {
          return 0;
        }
        return fit(m, g);
      }
    };
  }

  /**
   * Whether a step of shape {@code s} may use the top dog's machines: only if it ends before the top
   * dog starts. A top dog with no start time (it waits on steps without a wall_clock_limit, or on
   * steps an ad still lists that no allocation covers) keeps its machines: a step that took them
   * could delay it without end.
   */
  private boolean mayBackfill(Shape s) {
    return !s.wallClockLimit().isZero() && topDog.start() != null
        && !snapshot.now().plus(s.wallClockLimit()).isAfter(topDog.start());
  }

  /** Tasks of {@code g}'s shape that {@code m} has room for now (0 when it can take none). */
  private static int fit(MachineState m, Group g) {
    if (m.exclusiveHolders > 0 || (g.shape.notShared() && m.occupants > 0)) {
      return 0;
    }
    Demand d = g.demand;
    long cap = Math.min(m.slotsFree(g.shape.jobClass()), m.freeCpus / d.cpus());
    for (Map.Entry<String, Long> e : d.perNode().entrySet()) {
      if (m.freeOf(e.getKey()) < e.getValue()) {
        return 0;
      }
    }
    for (Map.Entry<String, Long> e : d.perTask().entrySet()) {
      if (e.getValue() > 0) {
        cap = Math.min(cap, (m.freeOf(e.getKey()) - d.perNode().getOrDefault(e.getKey(), 0L)) / e.getValue());
      }
    }
    return (int) Math.max(0, cap);
  }

  private Optional<Exclusion> floatingShortfall(Demand d, List<TaskLayout.Slot> slots) {
    Map<String, Long> need = floatingNeed(d, slots);
    for (Map.Entry<String, Long> e : need.entrySet()) {
      long free = floatingFree.getOrDefault(e.getKey(), 0L);
      if (free < e.getValue()) {
        return Optional.of(new Exclusion(ExclusionReason.FLOATING_RESOURCE, 0, "not enough of floating resource "
            + e.getKey() + ": the step needs " + e.getValue() + ", " + free + " free in the cluster"));
      }
    }
    return Optional.empty();
  }

  private static Map<String, Long> floatingNeed(Demand d, List<TaskLayout.Slot> slots) {
    Map<String, Long> need = new TreeMap<>();
    for (TaskLayout.Slot s : slots) {
      d.floatingPerTask().forEach((name, amount) -> need.merge(name, amount * s.tasks(), Long::sum));
      d.floatingPerNode().forEach((name, amount) -> need.merge(name, amount, Long::sum));
    }
    return need;
  }

  private void commit(IdleStepAd step, Group g, List<TaskLayout.Slot> slots) {
    List<MachineShare> shares = new ArrayList<>(slots.size());
    for (TaskLayout.Slot s : slots) {
      Map<String, Long> held = new TreeMap<>();
      g.demand.perTask().forEach((name, amount) -> held.merge(name, amount * s.tasks(), Long::sum));
      g.demand.perNode().forEach((name, amount) -> held.merge(name, amount, Long::sum));
      s.machine().take(step.jobClass(), s.tasks(), g.demand.cpus() * s.tasks(), held, step.notShared());
      g.demand.floatingPerTask().forEach((name, amount) -> held.merge(name, amount * s.tasks(), Long::sum));
      g.demand.floatingPerNode().forEach((name, amount) -> held.merge(name, amount, Long::sum));
      shares.add(new MachineShare(s.machine().name(), s.tasks(), g.demand.cpus() * s.tasks(), held,
          step.notShared()));
      g.putBack(s.machine());
    }
    floatingNeed(g.demand, slots).forEach((name, amount) -> floatingFree.merge(name, -amount, Long::sum));
    limits.record(step.owner(), step.group(), step.jobClass(), g.layout.total());
    Instant end = step.wallClockLimit().isZero() ? null : snapshot.now().plus(step.wallClockLimit());
    releases.add(new Release(end, step.jobClass(), shares));
    matches.add(new Match(step.stepId(), shares));
  }

  /** The first reason that keeps {@code m} from taking the least share of a step of {@code g} now, or null. */
  private ExclusionReason reason(MachineState m, Group g) {
    int min = g.layout.minTasksPerMachine();
    if (g.dynamicRequirements && !g.requirements.test(m.attributes())) {
      return ExclusionReason.REQUIREMENTS;
    }
    if (m.exclusiveHolders > 0 || (g.shape.notShared() && m.occupants > 0)) {
      return ExclusionReason.NOT_SHARED;
    }
    // Without class slots a machine has one initiator per CPU: running out of them is running out of CPUs.
    boolean explicitSlots = !m.ad.classSlots().isEmpty();
    if (explicitSlots && m.slotsFree(g.shape.jobClass()) < min) {
      return ExclusionReason.CLASS_SLOTS;
    }
    if (m.freeCpus < (long) g.demand.cpus() * min) {
      return ExclusionReason.CPUS;
    }
    if (m.slotsFree(g.shape.jobClass()) < min) {
      return ExclusionReason.CLASS_SLOTS;
    }
    ExclusionReason resource = null;
    Map<String, Long> need = new HashMap<>(g.demand.perNode());
    g.demand.perTask().forEach((name, amount) -> need.merge(name, amount * min, Long::sum));
    for (Map.Entry<String, Long> e : need.entrySet()) {
      if (m.freeOf(e.getKey()) < e.getValue()) {
        if (isMemory(e.getKey())) {
          return ExclusionReason.MEMORY;
        }
        resource = ExclusionReason.RESOURCE;
      }
    }
    if (resource != null) {
      return resource;
    }
    if (topDog != null && topDog.machines().contains(m) && !mayBackfill(g.shape)) {
      return ExclusionReason.TOP_DOG;
    }
    return null;
  }

  private static boolean isMemory(String resource) {
    return resource.equals(MachineState.MEMORY) || resource.equals("ConsumableVirtualMemory");
  }

  /** Why a step of {@code g} found no machines: every machine counted under its first reason. */
  private Failure explain(Group g) {
    EnumMap<ExclusionReason, Integer> counts = new EnumMap<>(g.staticCounts);
    int fitting = 0;
    for (MachineState m : g.candidates) {
      ExclusionReason why = reason(m, g);
      if (why == null) {
        fitting++;
      } else {
        counts.merge(why, 1, Integer::sum);
      }
    }
    List<Exclusion> exclusions = new ArrayList<>();
    ExclusionReason deciding = null;
    for (ExclusionReason reason : ORDER) {
      Integer n = counts.get(reason);
      if (n != null && n > 0) {
        exclusions.add(new Exclusion(reason, n, Explanations.detail(reason, n, g.shape, g.layout)));
        deciding = reason;
      }
    }
    String summary;
    if (fitting > 0) {
      String detail = Explanations.notEnoughMachines(g.layout, fitting);
      exclusions.add(new Exclusion(ExclusionReason.NOT_ENOUGH_MACHINES, 0, detail));
      summary = detail;
    } else {
      boolean bigEnough = g.candidates.stream()
          .anyMatch(m -> m.ad.cpus() >= (long) g.demand.cpus() * g.layout.minTasksPerMachine());
      summary = Explanations.summary(deciding, counts, machines.size(), g.shape, g.layout, bigEnough);
    }
    boolean forResources = !g.candidates.isEmpty() && deciding != ExclusionReason.TOP_DOG;
    return new Failure(summary, exclusions, forResources);
  }

  /**
   * The top dog's reservation: the earliest time at which, with every held share that ends by then
   * given back, its layout fits on its candidate machines, and the machines it would get then. A
   * share with no wall-clock limit ends "never": a step that fits only then gets a reservation with
   * no start time. Null when it would not fit even on an empty pool.
   */
  private TopDog project(IdleStepAd step, Group g) {
    Map<MachineState, MachineState> copies = new LinkedHashMap<>();
    for (MachineState m : g.candidates) {
      copies.put(m, m.copy());
    }
    Map<MachineState, MachineState> originals = new HashMap<>();
    copies.forEach((orig, copy) -> originals.put(copy, orig));
    List<Release> sorted = new ArrayList<>(releases);
    sorted.sort(Comparator.comparing(Release::end, Comparator.nullsLast(Comparator.naturalOrder())));
    int i = 0;
    while (i < sorted.size()) {
      Instant end = sorted.get(i).end();
      boolean touched = false;
      while (i < sorted.size() && java.util.Objects.equals(sorted.get(i).end(), end)) {
        Release r = sorted.get(i++);
        for (MachineShare share : r.shares()) {
          MachineState copy = copies.get(byName.get(share.machine()));
          if (copy != null) {
            copy.release(r.jobClass(), share.tasks(), share.cpus(), machineResources(share.resources()),
                share.exclusive());
            touched = true;
          }
        }
      }
      if (!touched) {
        continue;
      }
      List<TaskLayout.Slot> slots = g.layout.choose(listSource(g, copies.values()));
      if (slots != null) {
        Set<MachineState> reserved = new HashSet<>();
        slots.forEach(s -> reserved.add(originals.get(s.machine())));
        return new TopDog(step.stepId(), end, reserved);
      }
    }
    return null;
  }

  private Candidates listSource(Group g, java.util.Collection<MachineState> states) {
    List<MachineState> ranked = new ArrayList<>(states);
    ranked.sort(Comparator.<MachineState, Boolean>comparing(m -> g.preferred.contains(m.name())).reversed()
        .thenComparing(Comparator.comparingInt((MachineState m) -> m.freeCpus).reversed())
        .thenComparing(MachineState::name));
    var it = ranked.iterator();
    return new Candidates() {
      @Override
      public MachineState next() {
        return it.hasNext() ? it.next() : null;
      }

      @Override
      public void putBack(MachineState m) {}

      @Override
      public int capacity(MachineState m) {
        if (g.dynamicRequirements && !g.requirements.test(m.attributes())) {
          return 0;
        }
        return fit(m, g);
      }
    };
  }
}
