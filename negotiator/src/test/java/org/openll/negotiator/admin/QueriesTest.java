package org.openll.negotiator.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openll.negotiator.Fixtures.step;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.ClassStatus;
import org.openll.api.v1.ExplainStepsResponse;
import org.openll.api.v1.FairShareEntry;
import org.openll.api.v1.QueryFairShareResponse;
import org.openll.api.v1.StepExplanation;
import org.openll.api.v1.StepLimits;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.ClassStanza;
import org.openll.common.admin.GroupStanza;
import org.openll.common.admin.Unlimited;
import org.openll.common.admin.UserStanza;
import org.openll.common.config.SchedulingConfig;
import org.openll.negotiator.TestPolicies;
import org.openll.negotiator.cycle.CycleRunner.LastCycle;
import org.openll.negotiator.fairshare.FairShareLedger;
import org.openll.negotiator.match.Allocation;
import org.openll.negotiator.match.Exclusion;
import org.openll.negotiator.match.ExclusionReason;
import org.openll.negotiator.match.FairShareUsage;
import org.openll.negotiator.match.Machine;
import org.openll.negotiator.match.MachineShare;
import org.openll.negotiator.match.MatchPlan;
import org.openll.negotiator.match.SchedulingPolicy;
import org.openll.negotiator.match.StepVerdict;
import org.openll.negotiator.registry.MachineLoad;
import org.openll.negotiator.registry.MachineView;

class QueriesTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  static ClassStanza clazz(String name, int priority, String comment) {
    return new ClassStanza(name, priority, Set.of(), Set.of(), Set.of(), Set.of(), Unlimited.VALUE, Unlimited.VALUE,
        Unlimited.VALUE, Unlimited.VALUE, StepLimits.getDefaultInstance(), StepLimits.getDefaultInstance(), List.of(),
        comment, Map.of("priority", String.valueOf(priority), "class_comment", comment));
  }

  static AdminConfig admin(Map<String, ClassStanza> classes, Map<String, UserStanza> users,
      Map<String, GroupStanza> groups) {
    AdminConfig empty = AdminConfig.empty();
    return new AdminConfig(classes, users, groups, Map.of(), empty.defaultClass(), empty.defaultUser(),
        empty.defaultGroup());
  }

  private static Machine machine(String name, int cpus, List<String> classes, Map<String, Integer> slots) {
    return new Machine(name, name + ":9000", cpus, 4096, "x86_64", "Linux", List.of(), classes, Map.of(), "s", 0, 0,
        "", "", Map.of(), "proc", Map.of("ConsumableMemory", 4096L), slots, false);
  }

  private static MachineView view(Machine m, boolean up, List<Allocation> allocations) {
    return new MachineView(m, up, MachineLoad.of(m, allocations), T0);
  }

  @Test
  void explain_verdictsInRequestOrder_unknownIdNotKnown_withCycleTimeAndSchedulerType() {
    StepVerdict verdict = new StepVerdict("h.1.0", false, "not enough free CPUs on 3 machines",
        List.of(new Exclusion(ExclusionReason.CPUS, 3, "needs 4 CPUs"), new Exclusion(ExclusionReason.USER_LIMIT, 0,
            "user alice runs 2 steps, maxjobs = 2")),
        "small", 8, 2, 1, true, T0.plusSeconds(600), 12.5, 1);
    SchedulingPolicy policy = new SchedulingPolicy(TestPolicies.config(SchedulingConfig.SchedulerType.BACKFILL, 0,
        Duration.ofHours(1), Set.of()), AdminConfig.empty(), FairShareUsage.none(), Set.of(), Set.of());
    LastCycle last = new LastCycle(new MatchPlan(List.of(), Map.of("h.1.0", verdict)), T0, policy);

    ExplainStepsResponse response = ExplainQuery.explain(List.of("h.9.0", "h.1.0"), last);

    assertEquals("BACKFILL", response.getSchedulerType());
    assertEquals(T0.getEpochSecond(), response.getConsideredAt().getSeconds());
    assertFalse(response.getSteps(0).getKnown());
    assertEquals("h.9.0", response.getSteps(0).getStepId());
    StepExplanation e = response.getSteps(1);
    assertTrue(e.getKnown());
    assertEquals("not enough free CPUs on 3 machines", e.getSummary());
    assertEquals(org.openll.api.v1.ExclusionReason.EXCLUSION_CPUS, e.getExclusions(0).getReason());
    assertEquals(3, e.getExclusions(0).getMachines());
    assertEquals(org.openll.api.v1.ExclusionReason.EXCLUSION_USER_LIMIT, e.getExclusions(1).getReason());
    assertEquals(8, e.getClassSlotsTotal());
    assertEquals(2, e.getClassSlotsFree());
    assertTrue(e.getTopDog());
    assertEquals(T0.plusSeconds(600).getEpochSecond(), e.getWillStartBy().getSeconds());
    assertEquals(12.5, e.getSysprio());
  }

  @Test
  void explain_everyExclusionReason_hasAProtoValue() {
    for (ExclusionReason r : ExclusionReason.values()) {
      org.openll.api.v1.ExclusionReason.valueOf("EXCLUSION_" + r.name());
    }
  }

  @Test
  void explain_beforeFirstCycle_noConsideredAt() {
    LastCycle last = new LastCycle(MatchPlan.empty(), null, SchedulingPolicy.defaults());
    ExplainStepsResponse response = ExplainQuery.explain(List.of("h.1.0"), last);
    assertFalse(response.hasConsideredAt());
    assertEquals("LL_DEFAULT", response.getSchedulerType());
  }

  @Test
  void classes_adminAndOfferedClasses_slotsOverUpMachines_stepCounts() {
    Allocation running = new Allocation("h.1.0", "alice", "g", "small",
        List.of(new MachineShare("m1", 2, 2, Map.of(), false)), T0, Duration.ZERO);
    List<MachineView> machines = List.of(
        view(machine("m1", 4, List.of(), Map.of("small", 3, "large", 1)), true, List.of(running)),
        view(machine("m2", 2, List.of("small", "gpu"), Map.of()), true, List.of()),
        view(machine("m3", 8, List.of("small"), Map.of()), false, List.of()));
    AdminConfig admin = admin(Map.of("small", clazz("small", 10, "short jobs"), "unused", clazz("unused", 0, "")),
        Map.of(), Map.of());

    List<ClassStatus> classes = ClassQuery.classes(List.of(), admin, machines,
        List.of(step("h.2.0").jobClass("small").build(), step("h.3.0").jobClass("gpu").build()), List.of(running))
        .getClassesList();

    assertEquals(List.of("gpu", "large", "small", "unused"), classes.stream().map(ClassStatus::getName).toList());
    ClassStatus small = classes.get(2);
    assertEquals(5, small.getMaxSlots(), "3 on m1 + 2 CPUs of m2; m3 is down");
    assertEquals(3, small.getFreeSlots());
    assertEquals(1, small.getRunningSteps());
    assertEquals(1, small.getIdleSteps());
    assertEquals(10, small.getPriority());
    assertEquals("short jobs", small.getComment());
    assertEquals("10", small.getKeywordsMap().get("priority"));
    assertEquals(2, classes.get(0).getMaxSlots());
    assertEquals(0, classes.get(3).getMaxSlots());
    assertEquals(List.of("large"), ClassQuery.classes(List.of("large"), admin, machines, List.of(), List.of())
        .getClassesList().stream().map(ClassStatus::getName).toList());
  }

  @Test
  void machineLoad_sharesAndUncoveredAdSteps_freeResourcesAndClassSlots() {
    Machine m = new Machine("m1", "m1:9000", 8, 4096, "x86_64", "Linux", List.of(), List.of(),
        Map.of("h.1.0", 2, "h.7.0", 1), "s", 0, 0, "", "", Map.of(), "proc",
        Map.of("ConsumableMemory", 4096L, "GPU", 2L), Map.of("small", 4), false);
    Allocation a = new Allocation("h.1.0", "alice", "g", "small",
        List.of(new MachineShare("m1", 2, 2, Map.of("GPU", 1L, "ConsumableMemory", 1024L), false)), T0, Duration.ZERO);

    MachineLoad load = MachineLoad.of(m, List.of(a));

    assertEquals(5, load.freeCpus());
    assertEquals(Map.of("ConsumableMemory", 3072L, "GPU", 1L), load.freeResources());
    assertEquals(2, load.runningSteps());
    assertEquals(3, load.runningTasks());
    assertEquals(Map.of("small", 2), load.freeClassSlots());
  }

  @Test
  void fairShare_stanzasAndUsage_usersThenGroupsByName() {
    UserStanza base = AdminConfig.empty().defaultUser();
    GroupStanza gbase = AdminConfig.empty().defaultGroup();
    AdminConfig admin = admin(Map.of(),
        Map.of("zoe", new UserStanza("zoe", 0, List.of(), "No_Group", 0, 0, 0, 0, 0, 40), "amy", base.named("amy")),
        Map.of("physics", new GroupStanza("physics", 0, Set.of(), Set.of(), 0, 0, 0, 0, 0, 60)));
    FairShareLedger ledger = new FairShareLedger(
        new FairShareLedger.State(Map.of("bob", 30.0, "zoe", 10.0), Map.of("physics", 40.0), T0));

    QueryFairShareResponse response = FairShareQuery.fairShare(
        TestPolicies.config(100, Duration.ofHours(168), Set.of()), admin, ledger.entries(100));

    assertEquals(100, response.getTotalShares());
    assertEquals(168.0, response.getIntervalHours());
    assertEquals(List.of("bob", "zoe", "physics"), response.getEntriesList().stream().map(FairShareEntry::getName).toList());
    FairShareEntry zoe = response.getEntries(1);
    assertEquals(40, zoe.getAllocatedShares());
    assertEquals(10.0, zoe.getUsedCpuSeconds());
    assertEquals(25.0, zoe.getUsedShares(), 1e-9);
    assertEquals(0, response.getEntries(0).getAllocatedShares());
    assertTrue(response.getEntries(2).getGroup());
    assertEquals(60, response.getEntries(2).getAllocatedShares());
  }
}
