package org.openll.negotiator.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openll.negotiator.Fixtures.T0;
import static org.openll.negotiator.Fixtures.machine;
import static org.openll.negotiator.Fixtures.step;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.common.expr.ExpressionCache;

class MatchmakerTest {
  private final Matchmaker matchmaker = new Matchmaker(new ExpressionCache());

  private static PoolMachine up(Machine m) {
    return new PoolMachine(m, true);
  }

  private MatchPlan negotiate(List<IdleStepAd> steps, List<PoolMachine> machines, List<Reservation> reservations) {
    return matchmaker.negotiate(PoolSnapshot.of(steps, machines, reservations));
  }

  @Test
  void negotiate_oneStepOneMachine_matches() {
    MatchPlan plan = negotiate(List.of(step("s.1.0").build()), List.of(up(machine("m1", 2).build())), List.of());
    assertEquals(List.of(new Match("s.1.0", "m1", 1)), plan.matches());
    assertTrue(plan.verdict("s.1.0").orElseThrow().matched());
    assertTrue(plan.reasonFor("s.1.0").isEmpty());
  }

  @Test
  void negotiate_scarceCpus_highestPriorityThenOldestThenIdFirst() {
    List<IdleStepAd> steps = List.of(
        step("s.1.0").priority(50).queued(T0).build(),
        step("s.2.0").priority(90).queued(T0.plusSeconds(10)).build(),
        step("s.3.0").priority(50).queued(T0.minusSeconds(5)).build(),
        step("s.0.0").priority(50).queued(T0).build());
    MatchPlan plan = negotiate(steps, List.of(up(machine("m1", 3).build())), List.of());
    assertEquals(List.of("s.2.0", "s.3.0", "s.0.0"), plan.matches().stream().map(Match::stepId).toList());
    assertEquals("not enough free CPUs: 1 machine has no free CPU", plan.reasonFor("s.1.0").orElseThrow());
  }

  @Test
  void negotiate_manySteps_neverOversubscribesWithinCycle() {
    List<IdleStepAd> steps = List.of(step("a").cpus(2).build(), step("b").cpus(2).build(), step("c").cpus(2).build());
    MatchPlan plan = negotiate(steps, List.of(up(machine("m1", 3).build()), up(machine("m2", 2).build())), List.of());
    assertEquals(List.of(new Match("a", "m1", 2), new Match("b", "m2", 2)), plan.matches());
    assertEquals("not enough free CPUs: 2 machines have fewer than 2 free CPUs", plan.reasonFor("c").orElseThrow());
  }

  @Test
  void negotiate_runningAndReservedCpus_areNotFree() {
    Machine m1 = machine("m1", 4).running("r.1.0", 2).build();
    List<Reservation> reservations = List.of(new Reservation("p.1.0", "m1", 1), new Reservation("x.1.0", "m2", 3));
    MatchPlan plan = negotiate(List.of(step("a").build(), step("b").build()), List.of(up(m1)), reservations);
    assertEquals(List.of(new Match("a", "m1", 1)), plan.matches());
    assertEquals("not enough free CPUs: 1 machine has no free CPU", plan.reasonFor("b").orElseThrow());
  }

  @Test
  void negotiate_stepRunningAndReserved_countedOnce() {
    Machine m1 = machine("m1", 2).running("r.1.0", 1).build();
    MatchPlan plan = negotiate(List.of(step("a").build()), List.of(up(m1)), List.of(new Reservation("r.1.0", "m1", 1)));
    assertEquals(List.of(new Match("a", "m1", 1)), plan.matches());
  }

  @Test
  void negotiate_mostFreeCpusThenName_breaksTies() {
    List<PoolMachine> machines = List.of(up(machine("m3", 2).build()), up(machine("m2", 4).build()),
        up(machine("m1", 4).build()));
    MatchPlan plan = negotiate(List.of(step("a").build(), step("b").build(), step("c").build()), machines, List.of());
    assertEquals(List.of("m1", "m2", "m1"), plan.matches().stream().map(Match::machine).toList());
  }

  @Test
  void negotiate_downMachine_isSkipped() {
    List<PoolMachine> machines = List.of(new PoolMachine(machine("m1", 8).build(), false), up(machine("m2", 1).build()));
    MatchPlan plan = negotiate(List.of(step("a").build(), step("b").build()), machines, List.of());
    assertEquals(List.of(new Match("a", "m2", 1)), plan.matches());
  }

  @Test
  void negotiate_noMachineUp_saysSo() {
    MatchPlan plan = negotiate(List.of(step("a").build()), List.of(new PoolMachine(machine("m1", 8).build(), false)), List.of());
    assertEquals("no machine is up", plan.reasonFor("a").orElseThrow());
  }

  @Test
  void negotiate_classes_onlyMachinesRunningTheClassOrAny() {
    List<PoolMachine> machines = List.of(up(machine("m1", 8).classes("large").build()),
        up(machine("m2", 1).classes("small", "medium").build()), up(machine("m3", 1).build()));
    List<IdleStepAd> steps = List.of(step("a").jobClass("medium").build(), step("b").jobClass("medium").build(),
        step("c").jobClass("medium").build(), step("d").jobClass("huge").build());
    MatchPlan plan = negotiate(steps, machines, List.of());
    assertEquals(List.of(new Match("a", "m2", 1), new Match("b", "m3", 1)), plan.matches());
    assertEquals("not enough free CPUs: 2 machines have no free CPU", plan.reasonFor("c").orElseThrow());
    assertEquals(List.of(), plan.matches().stream().filter(m -> m.stepId().equals("d")).toList());
  }

  @Test
  void negotiate_classNobodyRuns_saysSo() {
    MatchPlan plan = negotiate(List.of(step("a").jobClass("huge").build()),
        List.of(up(machine("m1", 8).classes("small").build())), List.of());
    assertEquals("class huge is not offered by the one up machine", plan.reasonFor("a").orElseThrow());
  }

  @Test
  void negotiate_requirements_filterMachines() {
    List<PoolMachine> machines = List.of(up(machine("m1", 8).memory(1024).build()), up(machine("m2", 1).memory(8192).build()));
    MatchPlan plan = negotiate(List.of(step("a").requirements("Memory >= 4096").build(),
        step("b").requirements("Memory >= 4096").build()), machines, List.of());
    assertEquals(List.of(new Match("a", "m2", 1)), plan.matches());
    assertEquals("not enough free CPUs: 1 machine has no free CPU", plan.reasonFor("b").orElseThrow());
  }

  @Test
  void negotiate_requirementsNoMachineMeets_saysSo() {
    MatchPlan plan = negotiate(List.of(step("a").requirements("OpSys == \"AIX53\"").build()),
        List.of(up(machine("m1", 8).build())), List.of());
    assertEquals("requirements not met by the one machine that offers class small", plan.reasonFor("a").orElseThrow());
  }

  @Test
  void negotiate_requirementsSyntaxError_stepUnmatchableWithError() {
    MatchPlan plan = negotiate(List.of(step("a").requirements("Memory >").build(), step("b").build()),
        List.of(up(machine("m1", 8).build())), List.of());
    assertEquals(List.of(new Match("b", "m1", 1)), plan.matches());
    assertEquals("requirements: expected an attribute, a string, a number or a set, got end of expression",
        plan.reasonFor("a").orElseThrow());
  }

  @Test
  void negotiate_preferencesSyntaxError_stepUnmatchableWithError() {
    MatchPlan plan = negotiate(List.of(step("a").preferences("Feature = \"x\"").build()),
        List.of(up(machine("m1", 8).build())), List.of());
    assertTrue(plan.reasonFor("a").orElseThrow().startsWith("preferences: unexpected character '='"));
  }

  @Test
  void negotiate_preferences_rankSatisfyingMachinesFirst() {
    List<PoolMachine> machines = List.of(up(machine("big", 8).build()), up(machine("dev", 1).features("dev").build()));
    MatchPlan plan = negotiate(List.of(step("a").preferences("Feature == \"dev\"").build(),
        step("b").preferences("Feature == \"dev\"").build()), machines, List.of());
    assertEquals(List.of(new Match("a", "dev", 1), new Match("b", "big", 1)), plan.matches());
  }

  @Test
  void negotiate_stepBiggerThanAnyMachine_saysSo() {
    MatchPlan plan = negotiate(List.of(step("a").cpus(16).build()), List.of(up(machine("m1", 8).build())), List.of());
    assertEquals("no machine has 16 CPUs", plan.reasonFor("a").orElseThrow());
  }

  @Test
  void negotiate_stepAlreadyReserved_isNotMatchedAgain() {
    MatchPlan plan = negotiate(List.of(step("a").build()), List.of(up(machine("m1", 8).build())),
        List.of(new Reservation("a", "m1", 1)));
    assertEquals(List.of(), plan.matches());
    assertEquals("already holds an allocation; not matched again", plan.reasonFor("a").orElseThrow());
  }

  private List<String> machinesFor(String requirements, List<PoolMachine> machines) {
    List<IdleStepAd> steps = new java.util.ArrayList<>();
    for (int i = 0; i < machines.size(); i++) {
      steps.add(step("s" + i).requirements(requirements).build());
    }
    return negotiate(steps, machines, List.of()).matches().stream().map(Match::machine).sorted().toList();
  }

  private static final List<PoolMachine> SITE = List.of(
      up(machine("ll5", 1).arch("R6000").opsys("AIX53").memory(8192).disk(500_000).features("dev", "prepost")
          .classes("small", "long").pool("1").llVersion("3.5.1.4").attribute("Rack", "r12").build()),
      up(machine("ll6", 1).arch("x86_64").opsys("Linux").memory(2048).disk(50_000_000).pool("2")
          .attribute("Rack", "r13").attribute("Gpus", "4").build()));

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiterString = "=>", value = {
      "(Arch == \"R6000\") && (OpSys == \"AIX53\")   => ll5",
      "(Machine == { \"ll6\" \"ll5\" })              => ll5 ll6",
      "Machine != { \"ll6\" \"ll0\" }                => ll5",
      "Feature == \"dev\"                              => ll5",
      "Feature != \"dev\"                              => ll6",
      "Memory >= 4096                                  => ll5",
      "Disk > 1000000                                  => ll6",
      "Pool == 2                                       => ll6",
      "Class == \"long\"                               => ll5 ll6",
      "Class == \"huge\"                               => ll6",
      "LL_Version == \"3.5.1.4\"                       => ll5",
      "LL_Version == \"0.1.0\"                         => ll6",
      "Cpus == 1 && ConsumableCpus >= 1                => ll5 ll6",
      "ConsumableMemory >= 4096                        => ll5",
      "Rack == \"R13\"                                 => ll6",
      "Gpus >= 2                                       => ll6",
      "Gpus < 2                                        => ''",
      "!(Gpus < 2)                                     => ll5 ll6",
      "opsys == \"linux\"                              => ll6",
  })
  void negotiate_requirementsOnMachineAttributes_selectMachines(String requirements, String expected) {
    List<String> want = expected.isBlank() ? List.of() : List.of(expected.split(" "));
    assertEquals(want, machinesFor(requirements, SITE), requirements);
  }

  @Test
  void negotiate_consumableCpus_seesCpusTakenEarlierInCycle() {
    List<PoolMachine> machines = List.of(up(machine("m1", 4).running("r.1.0", 1).build()));
    MatchPlan plan = negotiate(
        List.of(step("a").cpus(2).build(), step("b").requirements("ConsumableCpus >= 2").build()), machines, List.of());
    assertEquals(List.of(new Match("a", "m1", 2)), plan.matches());
    assertEquals("requirements not met by the one machine that offers class small", plan.reasonFor("b").orElseThrow());
  }

  @Test
  void negotiate_preferencesMembership_rankAboveMoreFreeCpus() {
    List<PoolMachine> machines = List.of(up(machine("big", 8).build()), up(machine("ll5", 1).build()),
        up(machine("ll6", 2).build()));
    MatchPlan plan = negotiate(List.of(step("a").preferences("Machine == { \"ll6\" \"ll5\" }").build(),
        step("b").preferences("(Machine == { \"ll6\" \"ll5\" })").build(),
        step("c").preferences("Machine == { \"ll6\" \"ll5\" }").build(),
        step("d").preferences("Machine == { \"ll6\" \"ll5\" }").build()), machines, List.of());
    assertEquals(List.of("ll6", "ll5", "ll6", "big"), plan.matches().stream().map(Match::machine).toList());
  }

  @Test
  void negotiate_preferencesOnUnknownAttribute_noPreferenceButMatches() {
    MatchPlan plan = negotiate(List.of(step("a").preferences("Speed > 5").build()),
        List.of(up(machine("m1", 2).build()), up(machine("m2", 4).build())), List.of());
    assertEquals(List.of(new Match("a", "m2", 1)), plan.matches());
  }

  @Test
  void negotiate_preferencesOnMemoryAndDisk_rankMachines() {
    List<PoolMachine> machines = List.of(up(machine("small", 8).memory(1024).build()),
        up(machine("fat", 1).memory(65536).disk(10).build()));
    MatchPlan plan = negotiate(List.of(step("a").preferences("Memory >= 4096 && Disk < 100").build()), machines,
        List.of());
    assertEquals(List.of(new Match("a", "fat", 1)), plan.matches());
  }

  @Test
  void negotiate_overlongRequirements_stepUnmatchedOthersMatch() {
    String huge = "Memory > 1" + " || Memory > 1".repeat(2_000);
    List<IdleStepAd> steps = List.of(step("a").requirements(huge).build(),
        step("b").requirements("(".repeat(100)).build(), step("c").build());
    MatchPlan plan = negotiate(steps, List.of(up(machine("m1", 8).build())), List.of());
    assertEquals(List.of(new Match("c", "m1", 1)), plan.matches());
    assertTrue(plan.reasonFor("a").orElseThrow().startsWith("requirements: expression is "));
    assertTrue(plan.reasonFor("b").orElseThrow().startsWith("requirements: expression nests deeper than 64"));
  }
}
