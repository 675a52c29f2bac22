package org.openll.negotiator.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openll.negotiator.Fixtures.machine;
import static org.openll.negotiator.Fixtures.step;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openll.common.expr.ExpressionCache;
import org.openll.common.time.FakeClock;
import org.openll.negotiator.NegotiatorSettings;
import org.openll.negotiator.cycle.CycleRunner;
import org.openll.negotiator.match.Allocation;
import org.openll.negotiator.match.MachineShare;
import org.openll.negotiator.match.Match;
import org.openll.negotiator.match.MatchPlan;
import org.openll.negotiator.match.Matchmaker;

class DispatchedStepsTest {
  private static final NegotiatorSettings SETTINGS = new NegotiatorSettings(Duration.ofSeconds(1),
      Duration.ofSeconds(6), Duration.ofSeconds(30), Duration.ZERO);

  private final FakeClock clock = new FakeClock();
  private final List<PermitGrant> sent = new ArrayList<>();

  private Allocation dispatched(String id, String machine, int cpus) {
    return new Allocation(id, "alice", "No_Group", "small", List.of(MachineShare.cpusOnly(machine, cpus)),
        clock.instant().minusSeconds(60), Duration.ZERO);
  }

  @Test
  void negotiatorRestart_dispatchedStepsRebuildAllocations_cyclePlacesNothingOnBusyCpus() {
    PoolRegistry restarted = new PoolRegistry(clock, SETTINGS);
    CycleRunner runner = new CycleRunner(restarted, new Matchmaker(new ExpressionCache()), clock, clock.scheduler(), SETTINGS);
    // the startd's ad does not list the step yet (it is still starting): only the schedd knows
    restarted.updateMachine(restarted.newStartdSessionId(), machine("m1", 4).build());
    ScheddSession s = restarted.openScheddSession("s", "s:7000", sent::add);

    assertTrue(restarted.adoptDispatched(s, List.of(dispatched("s.1.0", "m1", 3))));
    restarted.addIdleSteps(s, List.of(step("s.2.0").cpus(2).build(), step("s.3.0").cpus(1).build()));
    runner.runCycle();

    assertEquals(List.of("s.3.0"), sent.stream().map(PermitGrant::stepId).toList());
    assertEquals(0, restarted.machines().get(0).freeCpus());
    assertEquals(List.of("s.2.0"), restarted.idleStepIds());
  }

  @Test
  void adoptDispatched_dropsTheScheddsUnlistedAllocations_keepsOthers() {
    PoolRegistry registry = new PoolRegistry(clock, SETTINGS);
    registry.updateMachine(registry.newStartdSessionId(), machine("m1", 8).build());
    ScheddSession s = registry.openScheddSession("s", "s:7000", sent::add);
    ScheddSession t = registry.openScheddSession("t", "t:7000", sent::add);
    registry.adoptDispatched(s, List.of(dispatched("s.1.0", "m1", 1), dispatched("s.2.0", "m1", 1)));
    registry.adoptDispatched(t, List.of(dispatched("t.1.0", "m1", 1)));

    ScheddSession again = registry.openScheddSession("s", "s:7000", sent::add);
    assertTrue(registry.adoptDispatched(again, List.of(dispatched("s.2.0", "m1", 1))));

    assertEquals(List.of("s.2.0", "t.1.0"), registry.allocations().stream().map(Allocation::stepId).sorted().toList());
    assertTrue(registry.releaseSteps(again, List.of("s.2.0")));
  }

  @Test
  void adoptDispatched_stepThatWasIdle_isIdleNoMore() {
    PoolRegistry registry = new PoolRegistry(clock, SETTINGS);
    ScheddSession s = registry.openScheddSession("s", "s:7000", sent::add);
    registry.addIdleSteps(s, List.of(step("s.1.0").build()));
    registry.adoptDispatched(s, List.of(dispatched("s.1.0", "m1", 1)));
    assertEquals(List.of(), registry.idleStepIds());
    assertFalse(registry.adoptDispatched(registry.openScheddSession("x", "x:1", sent::add), List.of()));
  }

  @Test
  void apply_allocationRebuiltAfterSnapshot_matchOnThoseCpusRefused() {
    PoolRegistry registry = new PoolRegistry(clock, SETTINGS);
    registry.updateMachine(registry.newStartdSessionId(), machine("m1", 4).build());
    ScheddSession s = registry.openScheddSession("s", "s:7000", sent::add);
    ScheddSession t = registry.openScheddSession("t", "t:7000", sent::add);
    registry.addIdleSteps(s, List.of(step("s.1.0").cpus(2).build()));
    MatchPlan plan = new MatchPlan(List.of(new Match("s.1.0", "m1", 2)), Map.of());
    // another schedd reports what it dispatched between the cycle's snapshot and its permits
    registry.adoptDispatched(t, List.of(dispatched("t.1.0", "m1", 3)));

    assertEquals(List.of(), registry.apply(plan));
    assertEquals(List.of("s.1.0"), registry.idleStepIds());
  }

  @Test
  void apply_parallelMatch_allocatesEveryMachine_andPermitNamesEach() {
    PoolRegistry registry = new PoolRegistry(clock, SETTINGS);
    registry.updateMachine(registry.newStartdSessionId(), machine("m1", 4).build());
    registry.updateMachine(registry.newStartdSessionId(), machine("m2", 4).build());
    ScheddSession s = registry.openScheddSession("s", "s:7000", sent::add);
    registry.addIdleSteps(s, List.of(step("s.1.0").build()));
    List<MachineShare> shares = List.of(new MachineShare("m1", 2, 2, Map.of("GPU", 1L), false),
        new MachineShare("m2", 2, 2, Map.of(), true));

    PermitGrant grant = registry.apply(new MatchPlan(List.of(new Match("s.1.0", shares)), Map.of())).get(0).grant();

    assertEquals(List.of("m1", "m2"), grant.machines().stream().map(g -> g.share().machine()).toList());
    assertEquals("secret-m2", grant.machines().get(1).claimSecret());
    assertEquals("m1", grant.machine());
    assertEquals(2, grant.cpus());
    assertEquals(shares, registry.allocations().get(0).machines());
    assertEquals(List.of(2, 2), registry.machines().stream().map(MachineView::freeCpus).toList());
    assertEquals("m1(2 tasks, 2 CPUs, GPU 1) m2(2 tasks, 2 CPUs, not shared)",
        PoolRegistry.describe(registry.allocations().get(0)));
  }

  @Test
  void apply_parallelMatch_oneMachineDown_allocatesNothing() {
    PoolRegistry registry = new PoolRegistry(clock, SETTINGS);
    registry.updateMachine(registry.newStartdSessionId(), machine("m1", 4).build());
    ScheddSession s = registry.openScheddSession("s", "s:7000", sent::add);
    registry.addIdleSteps(s, List.of(step("s.1.0").build()));
    Match match = new Match("s.1.0", List.of(MachineShare.cpusOnly("m1", 1), MachineShare.cpusOnly("m9", 1)));

    assertEquals(List.of(), registry.apply(new MatchPlan(List.of(match), Map.of())));
    assertEquals(List.of(), registry.allocations());
  }
}
