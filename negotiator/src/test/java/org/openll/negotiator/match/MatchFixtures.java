package org.openll.negotiator.match;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openll.api.v1.StepLimits;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.ClassStanza;
import org.openll.common.admin.GroupStanza;
import org.openll.common.admin.Unlimited;
import org.openll.common.admin.UserStanza;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.config.SchedulingConfig.SchedulerType;
import org.openll.common.sysprio.SysprioExpression;

/** Builders for the cycle's rule tests: steps and machines with every field, policies, snapshots. */
final class MatchFixtures {
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private MatchFixtures() {}

  static Step step(String id) {
    return new Step(id);
  }

  static Host host(String name, int cpus) {
    return new Host(name, cpus);
  }

  static Policy policy() {
    return new Policy();
  }

  static Allocation allocation(String stepId, String owner, String jobClass, Duration wallClock, Instant since,
      MachineShare... shares) {
    return new Allocation(stepId, owner, "No_Group", jobClass, List.of(shares), since, wallClock);
  }

  static final class Step {
    private final String id;
    private String owner = "alice";
    private String group = "No_Group";
    private String jobClass = "No_Class";
    private int cpus = 1;
    private String requirements = "";
    private String preferences = "";
    private int priority = 50;
    private Instant queued = NOW.minusSeconds(3600);
    private final Map<String, Long> resources = new HashMap<>();
    private final Map<String, Long> nodeResources = new HashMap<>();
    private int nodeMin = 1;
    private int tasksPerNode;
    private int totalTasks;
    private int blocking;
    private boolean notShared;
    private Duration wallClock = Duration.ZERO;
    private boolean parallel;

    Step(String id) {
      this.id = id;
    }

    Step owner(String v) { owner = v; return this; }
    Step group(String v) { group = v; return this; }
    Step jobClass(String v) { jobClass = v; return this; }
    Step cpus(int v) { cpus = v; return this; }
    Step requirements(String v) { requirements = v; return this; }
    Step preferences(String v) { preferences = v; return this; }
    Step priority(int v) { priority = v; return this; }
    Step queued(Instant v) { queued = v; return this; }
    Step queuedSecondsAgo(long s) { queued = NOW.minusSeconds(s); return this; }
    Step resource(String name, long amount) { resources.put(name, amount); return this; }
    Step nodeResource(String name, long amount) { nodeResources.put(name, amount); return this; }
    Step nodes(int v) { nodeMin = v; parallel = true; return this; }
    Step tasksPerNode(int v) { tasksPerNode = v; parallel = true; return this; }
    Step totalTasks(int v) { totalTasks = v; parallel = true; return this; }
    Step blocking(int v) { blocking = v; parallel = true; return this; }
    Step notShared() { notShared = true; return this; }
    Step wallClock(Duration v) { wallClock = v; return this; }

    IdleStepAd build() {
      return new IdleStepAd(id, owner, group, jobClass, cpus, requirements, preferences, priority, queued, resources,
          nodeResources, nodeMin, nodeMin, tasksPerNode, totalTasks, blocking, notShared, wallClock, parallel);
    }
  }

  static final class Host {
    private final String name;
    private final int cpus;
    private long memory = 4096;
    private List<String> classes = List.of();
    private final Map<String, Integer> running = new LinkedHashMap<>();
    private final Map<String, Long> resources = new HashMap<>();
    private final Map<String, Integer> classSlots = new HashMap<>();
    private final Map<String, String> extra = new LinkedHashMap<>();
    private boolean drained;

    Host(String name, int cpus) {
      this.name = name;
      this.cpus = cpus;
    }

    Host memory(long mb) { memory = mb; return this; }
    Host classes(String... v) { classes = List.of(v); return this; }
    Host running(String step, int c) { running.put(step, c); return this; }
    Host resource(String n, long amount) { resources.put(n, amount); return this; }
    Host slots(String cls, int n) { classSlots.put(cls, n); return this; }
    Host attribute(String k, String v) { extra.put(k, v); return this; }
    Host drained() { drained = true; return this; }

    Machine build() {
      return new Machine(name, name + ":9000", cpus, memory, "x86_64", "Linux", List.of(), classes, running, "s",
          0, 1_000_000, "", "0.1.0", extra, "proc", resources, classSlots, drained);
    }

    PoolMachine up() {
      return new PoolMachine(build(), true);
    }

    PoolMachine down() {
      return new PoolMachine(build(), false);
    }
  }

  static final class Policy {
    private SchedulerType type = SchedulerType.LL_DEFAULT;
    private String sysprio = SysprioExpression.DEFAULT;
    private List<String> scheduleBy = List.of();
    private final Map<String, Long> floating = new HashMap<>();
    private final Map<String, ClassStanza> classes = new HashMap<>();
    private final Map<String, UserStanza> users = new HashMap<>();
    private final Map<String, GroupStanza> groups = new HashMap<>();
    private final Map<String, Double> userUsage = new HashMap<>();
    private Set<String> favoredSteps = Set.of();
    private Set<String> favoredUsers = Set.of();

    Policy backfill() { type = SchedulerType.BACKFILL; return this; }
    Policy sysprio(String v) { sysprio = v; return this; }
    Policy scheduleBy(String... v) { scheduleBy = List.of(v); return this; }
    Policy floating(String n, long v) { floating.put(n, v); return this; }
    Policy favoredSteps(String... v) { favoredSteps = Set.of(v); return this; }
    Policy favoredUsers(String... v) { favoredUsers = Set.of(v); return this; }
    Policy usage(String user, double v) { userUsage.put(user, v); return this; }

    Policy classStanza(String name, int priority, int maxJobs, int maxJobsPerUser, int maxTotalTasks) {
      classes.put(name, new ClassStanza(name, priority, Set.of(), Set.of(), Set.of(), Set.of(), maxJobs,
          maxJobsPerUser, maxTotalTasks, Unlimited.VALUE, StepLimits.getDefaultInstance(),
          StepLimits.getDefaultInstance(), List.of(), "", Map.of()));
      return this;
    }

    Policy user(String name, int priority, int maxJobs, long fairShares) {
      users.put(name, new UserStanza(name, priority, List.of(), "No_Group", maxJobs, Unlimited.VALUE,
          Unlimited.VALUE, Unlimited.VALUE, Unlimited.VALUE, fairShares));
      return this;
    }

    Policy group(String name, int priority, int maxJobs) {
      groups.put(name, new GroupStanza(name, priority, Set.of(), Set.of(), maxJobs, Unlimited.VALUE,
          Unlimited.VALUE, Unlimited.VALUE, Unlimited.VALUE, 0));
      return this;
    }

    SchedulingPolicy build() {
      SchedulingConfig d = SchedulingConfig.defaults();
      SchedulingConfig config = new SchedulingConfig(type, SysprioExpression.parse(sysprio), scheduleBy, floating,
          d.maxJobReject(), d.actionOnMaxReject(), d.fairShareTotalShares(), d.fairShareInterval(),
          d.administrators());
      AdminConfig empty = AdminConfig.empty();
      AdminConfig admin = new AdminConfig(classes, users, groups, Map.of(), empty.defaultClass(),
          empty.defaultUser(), empty.defaultGroup());
      return new SchedulingPolicy(config, admin, new FairShareUsage(userUsage, Map.of()), favoredSteps,
          favoredUsers);
    }
  }

  static PoolSnapshot snapshot(Policy policy, List<Step> steps, List<PoolMachine> machines,
      List<Allocation> allocations) {
    return snapshot(policy, steps, machines, allocations, NOW);
  }

  static PoolSnapshot snapshot(Policy policy, List<Step> steps, List<PoolMachine> machines,
      List<Allocation> allocations, Instant now) {
    List<IdleStepAd> ads = new ArrayList<>();
    steps.forEach(s -> ads.add(s.build()));
    return new PoolSnapshot(ads, machines, allocations, policy.build(), now);
  }
}
