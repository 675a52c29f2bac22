package org.openll.negotiator.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openll.negotiator.match.MatchFixtures.NOW;
import static org.openll.negotiator.match.MatchFixtures.allocation;
import static org.openll.negotiator.match.MatchFixtures.host;
import static org.openll.negotiator.match.MatchFixtures.policy;
import static org.openll.negotiator.match.MatchFixtures.snapshot;
import static org.openll.negotiator.match.MatchFixtures.step;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openll.common.admin.Unlimited;
import org.openll.common.expr.ExpressionCache;

class MatchmakerRulesTest {
  private static final int NO = Unlimited.VALUE;
  private final Matchmaker matchmaker = new Matchmaker(new ExpressionCache());

  private MatchPlan negotiate(MatchFixtures.Policy policy, List<MatchFixtures.Step> steps, List<PoolMachine> machines,
      List<Allocation> allocations) {
    return matchmaker.negotiate(snapshot(policy, steps, machines, allocations));
  }

  private MatchPlan negotiate(MatchFixtures.Policy policy, List<MatchFixtures.Step> steps, List<PoolMachine> machines) {
    return negotiate(policy, steps, machines, List.of());
  }

  private static List<String> matched(MatchPlan plan) {
    return plan.matches().stream().map(Match::stepId).toList();
  }

  private static StepVerdict verdict(MatchPlan plan, String id) {
    return plan.verdict(id).orElseThrow();
  }

  private static List<ExclusionReason> reasons(StepVerdict v) {
    return v.exclusions().stream().map(Exclusion::reason).toList();
  }

  // ---- order

  @Test
  void order_sysprioClassPriority_beatsQueueTime() {
    MatchFixtures.Policy p = policy().sysprio("ClassSysprio * 10000 - QDate").classStanza("high", 10, NO, NO, NO)
        .classStanza("low", 1, NO, NO, NO);
    MatchPlan plan = negotiate(p, List.of(step("bob.1.0").owner("bob").jobClass("low").queuedSecondsAgo(5000),
        step("carol.1.0").owner("carol").jobClass("high").queuedSecondsAgo(10)), List.of(host("m1", 1).up()));
    assertEquals(List.of("carol.1.0"), matched(plan));
    assertEquals(1, verdict(plan, "carol.1.0").queuePosition());
    assertEquals(2, verdict(plan, "bob.1.0").queuePosition());
    assertEquals(100000 - NOW.minusSeconds(10).getEpochSecond(), verdict(plan, "carol.1.0").sysprio());
  }

  @Test
  void order_userAndGroupSysprioAndUsedShares_areVariables() {
    MatchFixtures.Policy p = policy().sysprio("UserSysprio + GroupSysprio - UserUsedShares")
        .user("bob", 5, NO, 0).group("physics", 3, NO).usage("carol", 2);
    MatchPlan plan = negotiate(p, List.of(step("carol.1.0").owner("carol").group("physics"),
        step("bob.1.0").owner("bob"), step("dave.1.0").owner("dave")), List.of(host("m1", 2).up()));
    assertEquals(List.of("bob.1.0", "carol.1.0"), matched(plan));
    assertEquals(1.0, verdict(plan, "carol.1.0").sysprio());
    assertEquals(0.0, verdict(plan, "dave.1.0").sysprio());
  }

  @Test
  void order_queuedAndRunningCounts_areVariables() {
    MatchFixtures.Policy p = policy().sysprio("0 - UserRunningJobs * 10 - UserQueuedJobs");
    Allocation running = allocation("bob.0.0", "bob", "No_Class", Duration.ZERO, NOW, MachineShare.cpusOnly("m9", 1));
    MatchPlan plan = negotiate(p, List.of(step("bob.1.0").owner("bob"), step("carol.1.0").owner("carol"),
        step("carol.2.0").owner("carol")), List.of(host("m1", 2).up()), List.of(running));
    assertEquals(List.of("carol.1.0", "carol.2.0"), matched(plan));
    assertEquals(-11.0, verdict(plan, "bob.1.0").sysprio());
  }

  @Test
  void order_userPriority_reordersOnlyTheOwnersPositions() {
    MatchPlan plan = negotiate(policy(), List.of(step("a.1.0").priority(10).queuedSecondsAgo(300),
        step("b.1.0").owner("bob").priority(0).queuedSecondsAgo(200),
        step("a.2.0").priority(90).queuedSecondsAgo(100)), List.of(host("m1", 2).up()));
    assertEquals(List.of("a.2.0", "b.1.0"), matched(plan));
    assertEquals(1, verdict(plan, "a.2.0").queuePosition());
    assertEquals(2, verdict(plan, "b.1.0").queuePosition());
    assertEquals(3, verdict(plan, "a.1.0").queuePosition());
  }

  @Test
  void order_favoredJobAndUser_goFirst() {
    List<MatchFixtures.Step> steps = List.of(step("old.1.0").owner("bob").queuedSecondsAgo(900),
        step("j.2.0").owner("carol").queuedSecondsAgo(10), step("dan.3.0").owner("dan").queuedSecondsAgo(5));
    assertEquals(List.of("j.2.0"),
        matched(negotiate(policy().favoredSteps("j.2"), steps, List.of(host("m1", 1).up()))));
    assertEquals(List.of("dan.3.0"),
        matched(negotiate(policy().favoredUsers("dan"), steps, List.of(host("m1", 1).up()))));
    assertEquals(List.of("old.1.0"), matched(negotiate(policy(), steps, List.of(host("m1", 1).up()))));
  }

  // ---- class slots and limits

  @Test
  void classSlots_eachTaskTakesAnInitiator() {
    MatchPlan plan = negotiate(policy(), List.of(step("a").jobClass("short"), step("b").jobClass("short"),
        step("c").jobClass("long")), List.of(host("m1", 8).slots("short", 1).up()));
    assertEquals(List.of("a"), matched(plan));
    StepVerdict b = verdict(plan, "b");
    assertEquals(List.of(ExclusionReason.CLASS_SLOTS), reasons(b));
    assertEquals("no free class slot: 1 machine has no free short class slot", b.summary());
    assertEquals(1, b.classSlotsTotal());
    assertEquals(1, b.classSlotsFree());
    assertEquals(1, b.slotsRequired());
    assertEquals(List.of(ExclusionReason.CLASS_NOT_OFFERED), reasons(verdict(plan, "c")));
    assertEquals("class long is not offered by the one up machine", verdict(plan, "c").summary());
  }

  @Test
  void classSlots_parallelTasksTakeOneEachOnEveryMachine() {
    List<PoolMachine> machines = List.of(host("m1", 8).slots("mpi", 2).up(), host("m2", 8).slots("mpi", 2).up());
    MatchPlan plan = negotiate(policy(), List.of(step("p1").jobClass("mpi").nodes(2).tasksPerNode(2).queuedSecondsAgo(9),
        step("p2").jobClass("mpi").nodes(2).tasksPerNode(2).queuedSecondsAgo(1)), machines);
    assertEquals(List.of("p1"), matched(plan));
    StepVerdict p2 = verdict(plan, "p2");
    assertEquals(List.of(new Exclusion(ExclusionReason.CLASS_SLOTS, 2, "2 machines have fewer than 2 free mpi class slots")),
        p2.exclusions());
    assertEquals(4, p2.slotsRequired());
    assertEquals(4, p2.classSlotsTotal());
    assertEquals(4, p2.classSlotsFree());
  }

  @Test
  void expressionError_isTheVerdict() {
    MatchPlan plan = negotiate(policy(), List.of(step("a").requirements("Memory >")), List.of(host("m1", 1).up()));
    assertEquals(ExclusionReason.EXPRESSION_ERROR, verdict(plan, "a").exclusions().get(0).reason());
    assertTrue(verdict(plan, "a").summary().startsWith("requirements: "));
  }

  @Test
  void classSlots_allocationsOfTheClassHoldThem() {
    Allocation held = new Allocation("x.1.0", "bob", "", "short",
        List.of(new MachineShare("m1", 2, 2, Map.of(), false)), NOW, Duration.ZERO);
    MatchPlan plan = negotiate(policy(), List.of(step("a").jobClass("short")),
        List.of(host("m1", 8).slots("short", 2).up()), List.of(held));
    assertEquals(List.of(), matched(plan));
    assertEquals(2, verdict(plan, "a").classSlotsTotal());
    assertEquals(0, verdict(plan, "a").classSlotsFree());
  }

  @Test
  void classLimits_maxjobsCountsAllocationsAndThisCycle() {
    MatchFixtures.Policy p = policy().classStanza("short", 0, 2, NO, NO);
    Allocation held = allocation("x.1.0", "bob", "short", Duration.ZERO, NOW, MachineShare.cpusOnly("m2", 1));
    MatchPlan plan = negotiate(p, List.of(step("a").jobClass("short"), step("b").jobClass("short")),
        List.of(host("m1", 8).up()), List.of(held));
    assertEquals(List.of("a"), matched(plan));
    StepVerdict b = verdict(plan, "b");
    assertEquals("class short runs 2 steps, maxjobs = 2", b.summary());
    assertEquals(List.of(new Exclusion(ExclusionReason.CLASS_LIMIT, 0, "class short runs 2 steps, maxjobs = 2")),
        b.exclusions());
  }

  @Test
  void classLimits_maxJobsPerUserAndMaxTotalTasks() {
    MatchFixtures.Policy p = policy().classStanza("short", 0, NO, 1, 3);
    MatchPlan plan = negotiate(p, List.of(step("a").jobClass("short").queuedSecondsAgo(30),
        step("b").jobClass("short").queuedSecondsAgo(20),
        step("c").owner("bob").jobClass("short").totalTasks(3).nodes(1).queuedSecondsAgo(10),
        step("d").owner("carol").jobClass("short").queuedSecondsAgo(5)), List.of(host("m1", 8).up()));
    assertEquals(List.of("a", "d"), matched(plan));
    assertEquals("user alice runs 1 step of class short, max_jobs_per_user = 1", verdict(plan, "b").summary());
    assertEquals("class short runs 1 tasks and the step needs 3, max_total_tasks = 3", verdict(plan, "c").summary());
  }

  @Test
  void userAndGroupMaxjobs_limitWithinTheCycle() {
    MatchFixtures.Policy p = policy().user("alice", 0, 2, 0).group("chem", 0, 1);
    MatchPlan plan = negotiate(p, List.of(step("a1").queuedSecondsAgo(50), step("a2").queuedSecondsAgo(40),
        step("a3").queuedSecondsAgo(30), step("g1").owner("bob").group("chem").queuedSecondsAgo(20),
        step("g2").owner("carol").group("chem").queuedSecondsAgo(10)), List.of(host("m1", 8).up()));
    assertEquals(List.of("a1", "a2", "g1"), matched(plan));
    assertEquals("user alice runs 2 steps, maxjobs = 2", verdict(plan, "a3").summary());
    assertEquals(List.of(ExclusionReason.USER_LIMIT), reasons(verdict(plan, "a3")));
    assertEquals("group chem runs 1 step, maxjobs = 1", verdict(plan, "g2").summary());
    assertEquals(0, verdict(plan, "g2").exclusions().get(0).machines());
  }

  // ---- consumables

  @Test
  void memory_perTaskIsSubtracted() {
    MatchPlan plan = negotiate(policy(), List.of(step("a").resource("ConsumableMemory", 3000),
        step("b").resource("ConsumableMemory", 3000), step("c").resource("ConsumableMemory", 3000)),
        List.of(host("m1", 8).memory(4096).up(), host("m2", 8).resource("ConsumableMemory", 6000).up()));
    assertEquals(List.of(new Match("a", List.of(new MachineShare("m1", 1, 1, Map.of("ConsumableMemory", 3000L),
        false))), new Match("b", List.of(new MachineShare("m2", 1, 1, Map.of("ConsumableMemory", 3000L), false)))),
        plan.matches().subList(0, 2));
    assertEquals(List.of("a", "b", "c"), matched(plan));
    MatchPlan full = negotiate(policy(), List.of(step("a").resource("ConsumableMemory", 3000),
        step("b").resource("ConsumableMemory", 3000)), List.of(host("m1", 8).memory(4096).up()));
    assertEquals("not enough free memory: 1 machine has less than 3000 MB of ConsumableMemory free",
        verdict(full, "b").summary());
  }

  @Test
  void memory_seenByRequirementsAsFreeAmount() {
    MatchPlan plan = negotiate(policy(), List.of(step("a").resource("ConsumableMemory", 3000),
        step("b").requirements("ConsumableMemory >= 2000")), List.of(host("m1", 8).memory(4096).up()));
    assertEquals(List.of("a"), matched(plan));
    assertEquals(List.of(ExclusionReason.REQUIREMENTS), reasons(verdict(plan, "b")));
  }

  @Test
  void namedConsumable_gpusCountedAndMissingMeansNone() {
    MatchPlan plan = negotiate(policy(), List.of(step("a").resource("GPU", 1), step("b").resource("GPU", 1),
        step("c").resource("GPU", 1)), List.of(host("m1", 8).resource("GPU", 2).up(), host("m2", 8).up()));
    assertEquals(List.of("a", "b"), matched(plan));
    assertEquals("not enough free GPU: 2 machines have too little free GPU", verdict(plan, "c").summary());
  }

  @Test
  void scheduleByResources_ignoresOtherConsumables() {
    MatchPlan plan = negotiate(policy().scheduleBy("ConsumableCpus"), List.of(step("a").resource("GPU", 1),
        step("b").resource("ConsumableMemory", 9000)), List.of(host("m1", 8).up()));
    assertEquals(List.of("a", "b"), matched(plan));
  }

  @Test
  void floatingResources_poolIsClusterWideMinusAllocations() {
    Allocation held = allocation("x.1.0", "bob", "", Duration.ZERO, NOW,
        new MachineShare("m2", 1, 1, Map.of("spice", 1L), false));
    MatchPlan plan = negotiate(policy().floating("spice", 3), List.of(step("a").resource("spice", 1),
        step("b").resource("spice", 1), step("c").resource("spice", 1)),
        List.of(host("m1", 1).up(), host("m2", 4).up()), List.of(held));
    assertEquals(List.of("a", "b"), matched(plan));
    assertEquals(Map.of("spice", 1L), plan.matches().get(0).machines().get(0).resources());
    assertEquals(List.of(ExclusionReason.FLOATING_RESOURCE), reasons(verdict(plan, "c")));
    assertEquals("not enough of floating resource spice: the step needs 1, 0 free in the cluster",
        verdict(plan, "c").summary());
  }

  // ---- not_shared

  @Test
  void notShared_takesOnlyEmptyMachinesAndKeepsOthersOff() {
    MatchPlan plan = negotiate(policy(), List.of(step("x").notShared().queuedSecondsAgo(20),
        step("y").queuedSecondsAgo(10)), List.of(host("busy", 8).running("r.1.0", 1).up(), host("free", 2).up()));
    assertEquals(List.of(new MachineShare("free", 1, 1, Map.of(), true)), plan.matches().get(0).machines());
    assertEquals("busy", plan.matches().get(1).machine());
    MatchPlan second = negotiate(policy(), List.of(step("x").notShared().queuedSecondsAgo(20),
        step("y").queuedSecondsAgo(10)), List.of(host("free", 2).up()));
    assertEquals(List.of("x"), matched(second));
    assertEquals("node_usage = not_shared: 1 machine is held by a not_shared step", verdict(second, "y").summary());
  }

  @Test
  void notShared_exclusiveAllocationBlocksAndBusyMachineExcludes() {
    Allocation exclusive = new Allocation("x.1.0", "bob", "", "", List.of(new MachineShare("m1", 1, 1, Map.of(),
        true)), NOW, Duration.ZERO);
    MatchPlan plan = negotiate(policy(), List.of(step("a"), step("b").notShared()),
        List.of(host("m1", 8).up(), host("m2", 8).running("r", 1).up()), List.of(exclusive));
    assertEquals(List.of("a"), matched(plan));
    assertEquals("m2", plan.matches().get(0).machine());
    assertEquals(List.of(new Exclusion(ExclusionReason.NOT_SHARED, 2,
        "2 machines run other steps (node_usage = not_shared)")), verdict(plan, "b").exclusions());
  }

  // ---- parallel

  @Test
  void parallel_twoStepsNeedingMoreMachinesThanExist_oneGetsAllOtherNone() {
    MatchPlan plan = negotiate(policy(), List.of(step("p1").nodes(2).tasksPerNode(2).queuedSecondsAgo(20),
        step("p2").nodes(2).tasksPerNode(2).queuedSecondsAgo(10), step("s").queuedSecondsAgo(5)),
        List.of(host("m1", 2).up(), host("m2", 2).up(), host("m3", 3).up()));
    assertEquals(List.of("p1", "s"), matched(plan));
    assertEquals(List.of(new MachineShare("m3", 2, 2, Map.of(), false), new MachineShare("m1", 2, 2, Map.of(), false)),
        plan.matches().get(0).machines());
    assertEquals("m2", plan.matches().get(1).machine());
    StepVerdict p2 = verdict(plan, "p2");
    assertEquals("needs 2 machines with room for 2 tasks, only 1 can take them now", p2.summary());
    assertEquals(4, p2.slotsRequired());
  }

  @Test
  void parallel_totalTasksSpread_firstMachinesGetTheExtra() {
    MatchPlan plan = negotiate(policy(), List.of(step("p").nodes(2).totalTasks(5).cpus(1)
        .resource("ConsumableMemory", 100).nodeResource("scratch", 7)),
        List.of(host("m1", 4).resource("scratch", 10).up(), host("m2", 4).resource("scratch", 10).up()));
    assertEquals(List.of(new MachineShare("m1", 3, 3, Map.of("ConsumableMemory", 300L, "scratch", 7L), false),
        new MachineShare("m2", 2, 2, Map.of("ConsumableMemory", 200L, "scratch", 7L), false)),
        plan.matches().get(0).machines());
  }

  @Test
  void parallel_blockingUnlimited_fillsMachinesInRankOrder() {
    MatchPlan plan = negotiate(policy(), List.of(step("p").totalTasks(5).blocking(-1)),
        List.of(host("m1", 2).up(), host("m2", 4).up()));
    assertEquals(List.of(new MachineShare("m2", 4, 4, Map.of(), false), new MachineShare("m1", 1, 1, Map.of(), false)),
        plan.matches().get(0).machines());
  }

  @Test
  void parallel_blocking_wholeBlocksPerMachine() {
    MatchPlan plan = negotiate(policy(), List.of(step("p").totalTasks(6).blocking(2)),
        List.of(host("m1", 3).up(), host("m2", 5).up()));
    assertEquals(List.of(new MachineShare("m2", 4, 4, Map.of(), false), new MachineShare("m1", 2, 2, Map.of(), false)),
        plan.matches().get(0).machines());
    MatchPlan tooBig = negotiate(policy(), List.of(step("p").totalTasks(9).blocking(2)),
        List.of(host("m1", 3).up(), host("m2", 5).up()));
    assertEquals(List.of(), tooBig.matches());
    assertEquals(List.of(ExclusionReason.NOT_ENOUGH_MACHINES), reasons(verdict(tooBig, "p")));
    MatchPlan shortBlock = negotiate(policy(), List.of(step("p").totalTasks(5).blocking(2)),
        List.of(host("m1", 1).up(), host("m2", 4).up()));
    assertEquals(List.of(new MachineShare("m2", 4, 4, Map.of(), false), new MachineShare("m1", 1, 1, Map.of(), false)),
        shortBlock.matches().get(0).machines());
  }

  @Test
  void parallel_notSharedNodes_takeWholeMachines() {
    MatchPlan plan = negotiate(policy(), List.of(step("p").nodes(2).notShared().queuedSecondsAgo(9),
        step("s").queuedSecondsAgo(1)), List.of(host("m1", 4).up(), host("m2", 4).up()));
    assertEquals(List.of("p"), matched(plan));
    assertEquals(List.of(new Exclusion(ExclusionReason.NOT_SHARED, 2, "2 machines are held by a not_shared step")),
        verdict(plan, "s").exclusions());
  }

  // ---- backfill

  private static final Duration HOUR = Duration.ofHours(1);

  private static List<PoolMachine> twoFours() {
    return List.of(host("m1", 4).up(), host("m2", 4).up());
  }

  /** m1 busy until NOW+30min, 2 CPUs of m2 until NOW+60min. */
  private static List<Allocation> busy() {
    return List.of(
        allocation("r1.1.0", "bob", "", HOUR, NOW.minus(Duration.ofMinutes(30)), MachineShare.cpusOnly("m1", 4)),
        allocation("r2.1.0", "bob", "", HOUR, NOW, MachineShare.cpusOnly("m2", 2)));
  }

  private static List<MatchFixtures.Step> backfillQueue() {
    return List.of(step("big.1.0").nodes(2).tasksPerNode(4).wallClock(HOUR).queuedSecondsAgo(400),
        step("short.1.0").owner("carol").wallClock(Duration.ofMinutes(20)).queuedSecondsAgo(300),
        step("nolimit.1.0").owner("dan").queuedSecondsAgo(200),
        step("long.1.0").owner("erin").wallClock(Duration.ofHours(2)).queuedSecondsAgo(100));
  }

  @Test
  void backfill_smallStepRunsAheadLargeStepReserved() {
    MatchPlan plan = negotiate(policy().backfill(), backfillQueue(), twoFours(), busy());
    assertEquals(List.of("short.1.0"), matched(plan));
    StepVerdict big = verdict(plan, "big.1.0");
    assertTrue(big.topDog());
    assertEquals(NOW.plus(HOUR), big.willStartBy());
    assertTrue(big.summary().startsWith("top dog, will start by " + NOW.plus(HOUR)), big.summary());
    StepVerdict nolimit = verdict(plan, "nolimit.1.0");
    assertFalse(nolimit.topDog());
    assertNull(nolimit.willStartBy());
    assertEquals(List.of(ExclusionReason.CPUS, ExclusionReason.TOP_DOG), reasons(nolimit));
    assertEquals("kept off by the backfill reservation: 1 machine is reserved for the top dog and the step has "
        + "no wall_clock_limit", nolimit.summary());
    assertEquals(List.of(new Exclusion(ExclusionReason.CPUS, 1, "1 machine has no free CPU"),
        new Exclusion(ExclusionReason.TOP_DOG, 1,
            "1 machine is reserved for the top dog and the step would not end before it starts")),
        verdict(plan, "long.1.0").exclusions());
  }

  @Test
  void backfill_largeStepStartsWhenItsReservationComes() {
    List<Allocation> later = List.of(
        allocation("short.1.0", "carol", "", Duration.ofMinutes(20), NOW, MachineShare.cpusOnly("m2", 1)));
    MatchPlan first = negotiate(policy().backfill(), backfillQueue(), twoFours(), busy());
    assertEquals(List.of("short.1.0"), matched(first));
    // an hour later r1 and r2 have ended and short.1.0 still holds m2 (its limit ended, its release not yet seen)
    PoolSnapshot atStart = snapshot(policy().backfill(), backfillQueue().subList(0, 4), twoFours(), List.of(),
        NOW.plus(HOUR));
    MatchPlan second = matchmaker.negotiate(atStart);
    assertEquals("big.1.0", second.matches().get(0).stepId());
    assertEquals(2, second.matches().get(0).machines().size());
    assertTrue(verdict(second, "big.1.0").matched());
    MatchPlan stillHeld = matchmaker.negotiate(snapshot(policy().backfill(), backfillQueue(), twoFours(), later,
        NOW.plus(Duration.ofMinutes(10))));
    assertTrue(verdict(stillHeld, "big.1.0").topDog());
    assertEquals(NOW.plus(Duration.ofMinutes(20)), verdict(stillHeld, "big.1.0").willStartBy());
  }

  @Test
  void llDefault_greedyNoReservation() {
    MatchPlan plan = negotiate(policy(), backfillQueue(), twoFours(), busy());
    assertEquals(List.of("short.1.0", "nolimit.1.0"), matched(plan));
    assertFalse(verdict(plan, "big.1.0").topDog());
  }

  @Test
  void backfill_allocationWithoutLimit_reservesWithoutStartTime_andNoStepTakesItsMachines() {
    List<Allocation> forever = List.of(allocation("r.1.0", "bob", "", Duration.ZERO, NOW,
        MachineShare.cpusOnly("m1", 2)));
    MatchPlan plan = negotiate(policy().backfill(), List.of(step("big").nodes(2).tasksPerNode(4).queuedSecondsAgo(9),
        step("limited").wallClock(HOUR).queuedSecondsAgo(5), step("unlimited").queuedSecondsAgo(1)),
        twoFours(), forever);
    assertTrue(verdict(plan, "big").topDog());
    assertNull(verdict(plan, "big").willStartBy());
    assertEquals(List.of(), matched(plan));
    assertEquals(List.of(ExclusionReason.TOP_DOG), reasons(verdict(plan, "limited")));
    assertEquals(List.of(ExclusionReason.TOP_DOG), reasons(verdict(plan, "unlimited")));
  }

  /**
   * m1's ad still lists a step whose allocation is gone (its schedd reported it ended before the
   * startd's next ad freed it): the top dog waits on it with no start time and keeps m2 free, rather
   * than letting a long step take m2 for the moment no projection can be made.
   */
  @Test
  void backfill_stepAnAdListsWithoutAllocation_reservesWithoutStartTime() {
    MatchPlan plan = negotiate(policy().backfill(), List.of(
            step("big").nodes(2).tasksPerNode(4).wallClock(HOUR).queuedSecondsAgo(9),
            step("long").wallClock(Duration.ofHours(2)).queuedSecondsAgo(5)),
        List.of(host("m1", 4).running("ended.1.0", 4).up(), host("m2", 4).up()));
    assertTrue(verdict(plan, "big").topDog());
    assertNull(verdict(plan, "big").willStartBy());
    assertEquals(List.of(), matched(plan));
    assertEquals(List.of(ExclusionReason.CPUS, ExclusionReason.TOP_DOG), reasons(verdict(plan, "long")));
  }

  @Test
  void backfill_stepTooBigForThePool_isNotTopDog() {
    MatchPlan plan = negotiate(policy().backfill(), List.of(step("huge").cpus(16).queuedSecondsAgo(9),
        step("small").queuedSecondsAgo(1)), twoFours());
    assertFalse(verdict(plan, "huge").topDog());
    assertEquals("no machine has 16 CPUs", verdict(plan, "huge").summary());
    assertEquals(List.of("small"), matched(plan));
  }

  // ---- explanations and autoclusters

  @Test
  void explanation_countsEachMachineUnderItsFirstReason() {
    List<PoolMachine> machines = List.of(host("down", 8).down(), host("drained", 8).drained().up(),
        host("other", 8).classes("gpu").up(), host("slow", 8).attribute("Speed", "1").up(),
        host("tiny", 1).attribute("Speed", "9").up(), host("full", 4).attribute("Speed", "9").running("r", 2).up());
    MatchPlan plan = negotiate(policy(), List.of(step("a").cpus(4).requirements("Speed > 5")), machines);
    StepVerdict a = verdict(plan, "a");
    assertEquals(List.of(new Exclusion(ExclusionReason.MACHINE_DOWN, 1, "1 machine is down"),
        new Exclusion(ExclusionReason.MACHINE_DRAINED, 1, "1 machine is drained"),
        new Exclusion(ExclusionReason.CLASS_NOT_OFFERED, 1, "1 machine does not offer class No_Class"),
        new Exclusion(ExclusionReason.REQUIREMENTS, 1, "1 machine does not meet the requirements"),
        new Exclusion(ExclusionReason.CPUS, 2, "2 machines have fewer than 4 free CPUs")), a.exclusions());
    assertEquals("not enough free CPUs: 2 machines have fewer than 4 free CPUs", a.summary());
    assertFalse(a.matched());
  }

  @Test
  void explanation_allDownOrNoMachines_saysNoMachineIsUp() {
    assertEquals("no machine is up", verdict(negotiate(policy(), List.of(step("a")), List.of()), "a").summary());
    assertEquals("every machine is drained",
        verdict(negotiate(policy(), List.of(step("a")), List.of(host("m", 1).drained().up())), "a").summary());
  }

  @Test
  void explanation_stepHoldingAllocation_isSkipped() {
    Allocation held = allocation("a", "alice", "", Duration.ZERO, NOW, MachineShare.cpusOnly("m1", 1));
    MatchPlan plan = negotiate(policy(), List.of(step("a")), List.of(host("m1", 4).up()), List.of(held));
    assertEquals(List.of(), plan.matches());
    assertEquals("already holds an allocation; not matched again", verdict(plan, "a").summary());
  }

  @Test
  void autocluster_stepsOfAFailedShapeShareItsVerdictOthersStillPlace() {
    List<MatchFixtures.Step> steps = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      steps.add(step("big." + i).cpus(3).queuedSecondsAgo(1000 - i));
      steps.add(step("one." + i).queuedSecondsAgo(1000 - i));
    }
    MatchPlan plan = negotiate(policy(), steps, List.of(host("m1", 4).up(), host("m2", 4).up()));
    assertEquals(8, plan.matches().stream().mapToInt(m -> m.machines().get(0).cpus()).sum());
    assertEquals(List.of("big.0", "one.0", "big.1", "one.1"), matched(plan));
    assertEquals(100, plan.verdicts().size());
    assertEquals(verdict(plan, "big.2").exclusions(), verdict(plan, "big.49").exclusions());
    assertEquals("not enough free CPUs: 2 machines have fewer than 3 free CPUs", verdict(plan, "big.49").summary());
    assertEquals(100, verdict(plan, "one.49").queuePosition());
  }

  @Test
  void negotiate_sameSnapshot_samePlan() {
    PoolSnapshot s = snapshot(policy().backfill(), backfillQueue(), twoFours(), busy());
    assertEquals(matchmaker.negotiate(s), matchmaker.negotiate(s));
  }
}
