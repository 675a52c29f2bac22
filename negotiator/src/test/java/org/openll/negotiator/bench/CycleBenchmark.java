package org.openll.negotiator.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.config.SchedulingConfig.SchedulerType;
import org.openll.common.admin.AdminConfig;
import org.openll.common.expr.ExpressionCache;
import org.openll.negotiator.match.Allocation;
import org.openll.negotiator.match.FairShareUsage;
import org.openll.negotiator.match.IdleStepAd;
import org.openll.negotiator.match.Machine;
import org.openll.negotiator.match.MachineShare;
import org.openll.negotiator.match.MatchPlan;
import org.openll.negotiator.match.Matchmaker;
import org.openll.negotiator.match.PoolMachine;
import org.openll.negotiator.match.PoolSnapshot;
import org.openll.negotiator.match.SchedulingPolicy;

/**
 * Not a test: the negotiator's cycle ({@link Matchmaker#negotiate}) over an in-process pool of
 * 10,000 machines (8 to 64 CPUs, 4 classes, memory, GPUs on some, 2,000 allocations) and 100,000
 * idle steps in 100 shapes (classes, CPUs, memory, requirements, preferences, parallel and
 * not_shared ones; {@code -Dopenll.bench.steps=N} for another count), 500 owners. Prints the median of several cycles after a warm-up, for
 * LL_DEFAULT and BACKFILL. Run it on purpose:
 * {@code ./mvnw -o -q -pl negotiator -am verify -Dtest=CycleBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dopenll.bench=true}
 * or its {@link #main} with the test classpath.
 */
class CycleBenchmark {
  static final int MACHINES = 10_000;
  static final int STEPS = Integer.getInteger("openll.bench.steps", 100_000);
  static final int SHAPES = 100;
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final List<String> CLASSES = List.of("small", "medium", "large", "gpu");

  @Test
  void cycleTime() {
    assumeTrue(Boolean.getBoolean("openll.bench"), "set -Dopenll.bench=true to run the benchmark");
    run(Integer.getInteger("openll.bench.warmup", 5), Integer.getInteger("openll.bench.runs", 9));
  }

  public static void main(String[] args) {
    run(args.length > 0 ? Integer.parseInt(args[0]) : 5, args.length > 1 ? Integer.parseInt(args[1]) : 9);
  }

  static void run(int warmup, int runs) {
    List<PoolMachine> machines = machines(new Random(1));
    List<IdleStepAd> steps = steps(new Random(2));
    List<Allocation> allocations = allocations(new Random(3));
    Matchmaker matchmaker = new Matchmaker(new ExpressionCache());
    for (SchedulerType type : SchedulerType.values()) {
      PoolSnapshot snapshot = new PoolSnapshot(steps, machines, allocations, policy(type), NOW);
      MatchPlan plan = null;
      for (int i = 0; i < warmup; i++) {
        plan = matchmaker.negotiate(snapshot);
      }
      long[] nanos = new long[runs];
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        plan = matchmaker.negotiate(snapshot);
        nanos[i] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      System.out.printf("%s: %,d machines, %,d idle steps in %d shapes, %,d allocations: median %.0f ms "
          + "(min %.0f, max %.0f) over %d cycles after %d warm-up; %,d matched, %,d verdicts, top dog %s%n", type, MACHINES,
          STEPS, SHAPES, allocations.size(), nanos[runs / 2] / 1e6, nanos[0] / 1e6, nanos[runs - 1] / 1e6, runs,
          warmup, plan.matches().size(), plan.verdicts().size(), plan.verdicts().values().stream()
              .filter(v -> v.topDog()).map(v -> v.stepId() + " by " + v.willStartBy()).findFirst().orElse("none"));
    }
  }

  static SchedulingPolicy policy(SchedulerType type) {
    SchedulingConfig d = SchedulingConfig.defaults();
    SchedulingConfig config = new SchedulingConfig(type, d.sysprio(), List.of(), Map.of("license", 5_000L),
        d.maxJobReject(), d.actionOnMaxReject(), d.fairShareTotalShares(), d.fairShareInterval(), d.administrators());
    return new SchedulingPolicy(config, AdminConfig.empty(), FairShareUsage.none(), Set.of(), Set.of());
  }

  static List<PoolMachine> machines(Random r) {
    List<PoolMachine> out = new ArrayList<>(MACHINES);
    int[] cpus = {8, 16, 32, 64};
    for (int i = 0; i < MACHINES; i++) {
      int c = cpus[r.nextInt(cpus.length)];
      String cls = CLASSES.get(i % CLASSES.size());
      Map<String, Long> resources = cls.equals("gpu")
          ? Map.of("ConsumableMemory", c * 4096L, "GPU", 4L) : Map.of("ConsumableMemory", c * 4096L);
      Machine m = new Machine(String.format("node%05d", i), "n:9000", c, c * 4096L, "x86_64", "Linux",
          i % 3 == 0 ? List.of("ib") : List.of(), List.of(cls, "small"), Map.of(), "s", r.nextDouble(), 10_000_000,
          "", "0.1.0", Map.of("Rack", "r" + (i % 40)), "proc", resources, Map.of(), i % 500 == 0);
      out.add(new PoolMachine(m, i % 997 != 0));
    }
    return out;
  }

  static List<IdleStepAd> steps(Random r) {
    List<IdleStepAd> out = new ArrayList<>(STEPS);
    for (int i = 0; i < STEPS; i++) {
      int shape = i % SHAPES;
      String cls = CLASSES.get(shape % CLASSES.size());
      int cpus = 1 << (shape % 3);
      String requirements = switch (shape % 5) {
        case 0 -> "";
        case 1 -> "Memory >= " + (8192 * (1 + shape % 4));
        case 2 -> "Feature == \"ib\"";
        case 3 -> "Rack != \"r" + shape % 40 + "\"";
        default -> "Cpus >= 16 && OpSys == \"Linux\"";
      };
      String preferences = shape % 7 == 0 ? "Rack == \"r1\"" : "";
      Map<String, Long> resources = cls.equals("gpu") ? Map.of("ConsumableMemory", 2048L, "GPU", 1L)
          : shape % 11 == 0 ? Map.of("ConsumableMemory", 1024L, "license", 1L) : Map.of("ConsumableMemory", 1024L);
      boolean parallel = shape % 13 == 0;
      out.add(new IdleStepAd("sched.%d.0".formatted(i), "user" + r.nextInt(500), "No_Group", cls, cpus,
          requirements, preferences, 50, NOW.minusSeconds(STEPS - i + r.nextInt(100)), resources, Map.of(),
          parallel ? 4 : 1, parallel ? 4 : 1, parallel ? 2 : 0, 0, 0, shape % 17 == 0,
          Duration.ofMinutes(10 + shape), parallel));
    }
    return out;
  }

  static List<Allocation> allocations(Random r) {
    List<Allocation> out = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      int machine = r.nextInt(MACHINES);
      out.add(new Allocation("run.%d.0".formatted(i), "user" + r.nextInt(500), "No_Group", CLASSES.get(machine % 4),
          List.of(new MachineShare(String.format("node%05d", machine), 1, 4, Map.of("ConsumableMemory", 4096L),
              false)), NOW.minusSeconds(r.nextInt(3600)), Duration.ofHours(2)));
    }
    return out;
  }
}
