package org.openll.negotiator.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openll.negotiator.Fixtures.machine;
import static org.openll.negotiator.Fixtures.step;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openll.common.time.FakeClock;
import org.openll.negotiator.NegotiatorSettings;
import org.openll.common.expr.ExpressionCache;
import org.openll.negotiator.match.Matchmaker;
import org.openll.negotiator.registry.PermitGrant;
import org.openll.negotiator.registry.PoolRegistry;
import org.openll.negotiator.registry.ScheddSession;

class CycleRunnerTest {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration DELAY = Duration.ofMillis(50);

  private final FakeClock clock = new FakeClock();
  private final NegotiatorSettings settings = new NegotiatorSettings(INTERVAL, Duration.ofSeconds(60), Duration.ofSeconds(30), DELAY);
  private final PoolRegistry registry = new PoolRegistry(clock, settings);
  private final CycleRunner runner = new CycleRunner(registry, new Matchmaker(new ExpressionCache()), clock, clock.scheduler(), settings);
  private final List<PermitGrant> sent = new CopyOnWriteArrayList<>();
  private ScheddSession session;

  @BeforeEach
  void start() {
    runner.startAsync().awaitRunning();
    registry.updateMachine(registry.newStartdSessionId(), machine("m1", 2).build());
    session = registry.openScheddSession("s", "s:7000", sent::add);
  }

  @AfterEach
  void stop() {
    runner.stopAsync().awaitTerminated();
  }

  @Test
  void periodicCycle_matchesIdleStep_andSendsPermit() {
    registry.addIdleSteps(session, List.of(step("s.1.0").build()));
    clock.advance(INTERVAL.minusMillis(1));
    assertEquals(List.of(), sent);
    clock.advance(Duration.ofMillis(1));
    assertEquals(1, sent.size());
    assertEquals("s.1.0", sent.get(0).stepId());
    assertEquals("secret-m1", sent.get(0).claimSecret());
    assertEquals(clock.instant(), sent.get(0).issued());
  }

  @Test
  void requestCycle_runsSoonAfterChange_beforeThePeriod() {
    registry.addIdleSteps(session, List.of(step("s.1.0").build()));
    runner.requestCycle();
    clock.advance(DELAY);
    assertEquals(1, sent.size());
  }

  @Test
  void requestCycle_burst_coalescesIntoOnePendingCycle() {
    runner.requestCycle();
    runner.requestCycle();
    runner.requestCycle();
    assertEquals(2, clock.pendingTasks(), "the periodic cycle and one extra");
    clock.advance(DELAY);
    assertEquals(1, clock.pendingTasks());
    runner.requestCycle();
    assertEquals(2, clock.pendingTasks(), "a request after the extra cycle ran schedules another");
  }

  @Test
  void requestCycle_afterASlowCycle_waitsAsLongAsItTookSinceItEnded() {
    Duration slow = Duration.ofMillis(300);
    CycleRunner paced = new CycleRunner(registry, new Matchmaker(new ExpressionCache()), clock, clock.scheduler(),
        settings, (allocations, now) -> {
          clock.advance(slow); // this cycle's cost, in the clock's time
          return org.openll.negotiator.match.SchedulingPolicy.defaults();
        });
    paced.runCycle();
    clock.advance(Duration.ofMillis(100));

    assertEquals(Duration.ofMillis(200), paced.extraCycleDelay(clock.instant()), "the rest of the last cycle's 300 ms");
    clock.advance(Duration.ofMillis(400));
    assertEquals(DELAY, paced.extraCycleDelay(clock.instant()), "long after it: the change delay");
  }

  @Test
  void extraCycleDelay_beforeAnyCycleAndAfterFastOnes_isTheChangeDelay() {
    assertEquals(DELAY, runner.extraCycleDelay(clock.instant()));
    runner.runCycle();
    assertEquals(DELAY, runner.extraCycleDelay(clock.instant()), "a cycle that took no time");
  }

  @Test
  void cycle_permittedStep_isNotPermittedTwice_andUnmatchedReasonKept() {
    registry.addIdleSteps(session, List.of(step("a").cpus(2).build(), step("b").cpus(2).build()));
    clock.advance(INTERVAL.multipliedBy(3));
    assertEquals(List.of("a"), sent.stream().map(PermitGrant::stepId).toList());
    assertEquals("not enough free CPUs: 1 machine has fewer than 2 free CPUs", runner.lastPlan().reasonFor("b").orElseThrow());
    registry.releaseSteps(session, List.of("a"));
    clock.advance(INTERVAL);
    assertEquals(List.of("a", "b"), sent.stream().map(PermitGrant::stepId).toList());
  }

  @Test
  void requestCycle_poolFullAndEveryStepJudged_isSkipped_untilANewStepOrAFreeCpu() {
    List<Integer> cycles = new CopyOnWriteArrayList<>();
    runner.observe((snapshot, permits, nanos) -> cycles.add(snapshot.idleSteps().size()));
    registry.addIdleSteps(session, List.of(step("a").cpus(2).build(), step("b").cpus(2).build()));
    runner.runCycle(); // a takes m1's 2 CPUs, b is judged
    assertEquals(1, cycles.size());

    runner.requestCycle();
    clock.advance(DELAY);
    assertEquals(1, cycles.size(), "no free CPU, nothing new: skipped");

    registry.addIdleSteps(session, List.of(step("c").build()));
    runner.requestCycle();
    clock.advance(DELAY);
    assertEquals(2, cycles.size(), "c has no verdict yet");
    assertEquals("not enough free CPUs: 1 machine has no free CPU",
        runner.lastPlan().reasonFor("c").orElseThrow());

    registry.releaseSteps(session, List.of("a"));
    runner.requestCycle();
    clock.advance(DELAY);
    assertEquals(List.of("a", "b"), sent.stream().map(PermitGrant::stepId).toList(), "a freed CPU: it runs");
  }

  @Test
  void cycle_undeliverablePermit_keepsRunning() {
    ScheddSession gone = registry.openScheddSession("t", "t:7000", grant -> false);
    registry.addIdleSteps(gone, List.of(step("t.1.0").build()));
    registry.addIdleSteps(session, List.of(step("s.1.0").build()));
    clock.advance(INTERVAL);
    assertEquals(List.of("s.1.0"), sent.stream().map(PermitGrant::stepId).toList());
  }

  @Test
  void stop_cancelsPeriodicCycle() {
    runner.stopAsync().awaitTerminated();
    registry.addIdleSteps(session, List.of(step("s.1.0").build()));
    runner.requestCycle();
    clock.advance(INTERVAL.multipliedBy(5));
    assertEquals(List.of(), sent);
  }

  @Test
  void twoSchedds_competingForOneMachine_neverOversubscribeItAcrossCyclesAndReleases() {
    List<PermitGrant> other = new CopyOnWriteArrayList<>();
    ScheddSession second = registry.openScheddSession("t", "t:7000", other::add);
    for (int i = 0; i < 6; i++) {
      registry.addIdleSteps(session, List.of(step("s.1." + i).build()));
      registry.addIdleSteps(second, List.of(step("t.1." + i).build()));
    }
    java.util.Set<String> holding = new java.util.HashSet<>();
    for (int round = 0; round < 8; round++) {
      runner.runCycle();
      sent.forEach(p -> holding.add(p.stepId()));
      other.forEach(p -> holding.add(p.stepId()));
      sent.clear();
      other.clear();
      assertTrue(holding.size() <= 2, "m1 has 2 CPUs, permits outstanding: " + holding);
      // one step of each schedd ends per round, in turn
      String done = holding.stream().sorted().findFirst().orElse(null);
      if (done != null) {
        registry.releaseSteps(done.startsWith("s.") ? session : second, List.of(done));
        holding.remove(done);
      }
    }
  }

  @Test
  void runCycle_asksPolicyForAllocationsAtSnapshotTime_andRecordsLastCycle() {
    List<Object> asked = new CopyOnWriteArrayList<>();
    org.openll.negotiator.match.SchedulingPolicy policy = org.openll.negotiator.match.SchedulingPolicy.defaults();
    CycleRunner withPolicy = new CycleRunner(registry, new Matchmaker(new ExpressionCache()), clock, clock.scheduler(),
        settings, (allocations, now) -> {
          asked.add(allocations.stream().map(org.openll.negotiator.match.Allocation::stepId).toList());
          asked.add(now);
          return policy;
        });
    registry.addIdleSteps(session, List.of(step("s.1.0").build()));
    withPolicy.runCycle();
    withPolicy.runCycle();

    assertEquals(List.of(List.of(), clock.instant(), List.of("s.1.0"), clock.instant()), asked);
    assertEquals(clock.instant(), withPolicy.lastCycle().at());
    assertEquals(policy, withPolicy.lastCycle().policy());
  }
}
