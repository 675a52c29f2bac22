package org.openll.negotiator.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openll.negotiator.Fixtures.machine;
import static org.openll.negotiator.Fixtures.step;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.common.time.FakeClock;
import org.openll.negotiator.NegotiatorSettings;
import org.openll.negotiator.match.Match;
import org.openll.negotiator.match.MatchPlan;
import org.openll.negotiator.match.PoolMachine;
import org.openll.negotiator.match.Allocation;
import org.openll.negotiator.match.MachineShare;

class PoolRegistryTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(6);
  private static final Duration GRACE = Duration.ofSeconds(30);

  private final FakeClock clock = new FakeClock();
  private final PoolRegistry registry = new PoolRegistry(clock,
      new NegotiatorSettings(Duration.ofSeconds(1), TIMEOUT, GRACE, Duration.ZERO));
  private final List<PermitGrant> sent = new ArrayList<>();

  private ScheddSession session(String name) {
    return registry.openScheddSession(name, name + ":7000", grant -> sent.add(grant));
  }

  private boolean isUp(String name) {
    return registry.snapshot().machines().stream().filter(m -> m.ad().name().equals(name)).findFirst()
        .map(PoolMachine::up).orElseThrow();
  }

  /** Reserves step {@code id} on {@code m1} through a plan, as a cycle would. */
  private List<PermitDelivery> permit(ScheddSession session, String id, int cpus) {
    registry.addIdleSteps(session, List.of(step(id).cpus(cpus).build()));
    return registry.apply(new MatchPlan(List.of(new Match(id, "m1", cpus)), java.util.Map.of()));
  }

  @Test
  void machine_silentPastTimeout_isDown_andBackUpOnNextAd() {
    long id = registry.newStartdSessionId();
    assertTrue(registry.updateMachine(id, machine("m1", 4).build()));
    clock.advance(TIMEOUT);
    assertTrue(isUp("m1"));
    clock.advance(Duration.ofMillis(1));
    assertFalse(isUp("m1"));
    assertTrue(registry.updateMachine(id, machine("m1", 4).build()), "a returning machine is a change");
    assertTrue(isUp("m1"));
  }

  @Test
  void machine_sessionEnded_isDown_butNotByAnOlderSession() {
    long old = registry.newStartdSessionId();
    registry.updateMachine(old, machine("m1", 4).build());
    long current = registry.newStartdSessionId();
    registry.updateMachine(current, machine("m1", 4).build());
    registry.endStartdSession(old, "m1");
    assertTrue(isUp("m1"));
    registry.endStartdSession(current, "m1");
    assertFalse(isUp("m1"));
  }

  @Test
  void updateMachine_sameAdApartFromLoad_isNoChange() {
    long id = registry.newStartdSessionId();
    registry.updateMachine(id, machine("m1", 4).load(0.1).build());
    assertFalse(registry.updateMachine(id, machine("m1", 4).load(2.5).build()));
    assertTrue(registry.updateMachine(id, machine("m1", 8).build()));
  }

  @Test
  void apply_match_reservesRemovesIdleAndReturnsPermitWithClaimSecret() {
    registry.updateMachine(registry.newStartdSessionId(), machine("m1", 4).build());
    ScheddSession s = session("s");
    List<PermitDelivery> deliveries = permit(s, "s.1.0", 2);
    assertEquals(1, deliveries.size());
    PermitGrant grant = deliveries.get(0).grant();
    assertEquals(new PermitGrant("s.1.0",
        List.of(new GrantedShare(MachineShare.cpusOnly("m1", 2), "m1:9000", "secret-m1")), clock.instant()), grant);
    assertEquals(List.of(), registry.idleStepIds());
    assertEquals(List.of(new Allocation("s.1.0", "alice", "No_Group", "small", List.of(MachineShare.cpusOnly("m1", 2)),
        clock.instant(), Duration.ZERO)), registry.allocations());
    assertEquals(2, registry.machines().get(0).freeCpus());
  }

  @Test
  void apply_stepWithdrawnOrMachineDown_skipsMatch() {
    long startd = registry.newStartdSessionId();
    registry.updateMachine(startd, machine("m1", 4).build());
    ScheddSession s = session("s");
    registry.addIdleSteps(s, List.of(step("a").build(), step("b").build()));
    registry.withdrawSteps(s, List.of("a"));
    registry.endStartdSession(startd, "m1");
    MatchPlan plan = new MatchPlan(List.of(new Match("a", "m1", 1), new Match("b", "m1", 1)), java.util.Map.of());
    assertEquals(List.of(), registry.apply(plan));
    assertEquals(List.of("b"), registry.idleStepIds());
  }

  @Test
  void release_freesAllocation_once() {
    registry.updateMachine(registry.newStartdSessionId(), machine("m1", 4).build());
    ScheddSession s = session("s");
    permit(s, "s.1.0", 2);
    assertTrue(registry.releaseSteps(s, List.of("s.1.0")));
    assertFalse(registry.releaseSteps(s, List.of("s.1.0")));
    assertEquals(4, registry.machines().get(0).freeCpus());
  }

  @Test
  void release_byAnotherSchedd_isIgnored() {
    registry.updateMachine(registry.newStartdSessionId(), machine("m1", 4).build());
    permit(session("s"), "s.1.0", 2);
    assertFalse(registry.releaseSteps(session("other"), List.of("s.1.0")));
    assertEquals(1, registry.allocations().size());
  }

  @Test
  void allocation_listedInAd_isKeptUntilRelease_andCountedOnce() {
    long startd = registry.newStartdSessionId();
    registry.updateMachine(startd, machine("m1", 4).build());
    ScheddSession s = session("s");
    permit(s, "s.1.0", 2);
    registry.updateMachine(startd, machine("m1", 4).running("s.1.0", 2).build());
    assertEquals(1, registry.allocations().size());
    assertEquals(2, registry.machines().get(0).freeCpus(), "the ad and the allocation count the step once");
    registry.updateMachine(startd, machine("m1", 4).build());
    assertEquals(2, registry.machines().get(0).freeCpus(), "held until the schedd releases it");
    assertTrue(registry.releaseSteps(s, List.of("s.1.0")));
    assertEquals(4, registry.machines().get(0).freeCpus());
  }

  @Test
  void handOver_endedStepsAllocationPassesToTheNextStep_whichIsIdleNoMore() {
    long startd = registry.newStartdSessionId();
    registry.updateMachine(startd, machine("m1", 4).running("s.1.0", 2).build());
    ScheddSession s = session("s");
    permit(s, "s.1.0", 2);
    registry.addIdleSteps(s, List.of(step("s.1.1").cpus(2).build(), step("s.1.2").build()));
    Allocation next = new Allocation("s.1.1", "alice", "No_Group", "small", List.of(MachineShare.cpusOnly("m1", 2)),
        clock.instant(), Duration.ZERO);

    registry.updateMachine(startd, machine("m1", 4).build());
    registry.handOver(s, List.of(new PoolRegistry.Handover("s.1.0", next)));

    assertEquals(List.of(next), registry.allocations());
    assertEquals(List.of("s.1.2"), registry.idleStepIds());
    assertEquals(2, registry.machines().get(0).freeCpus(), "the CPUs the ended step held are not free in between");
  }

  @Test
  void anyFreeCpu_countsTheAdsStepsAndAllocations_onMachinesThatAreUp() {
    long startd = registry.newStartdSessionId();
    registry.updateMachine(startd, machine("m1", 2).running("s.1.0", 1).build());
    ScheddSession s = session("s");
    assertTrue(registry.anyFreeCpu());

    permit(s, "s.1.1", 1);
    assertFalse(registry.anyFreeCpu(), "one CPU runs a step, the other is allocated");

    registry.releaseSteps(s, List.of("s.1.1"));
    assertTrue(registry.anyFreeCpu());
    registry.endStartdSession(startd, "m1");
    assertFalse(registry.anyFreeCpu(), "m1 is down");
  }

  @Test
  void idleAdds_countsEveryStepOffered() {
    ScheddSession s = session("s");
    registry.addIdleSteps(s, List.of(step("a").build(), step("b").build()));
    registry.addIdleSteps(s, List.of(step("a").build()));

    assertEquals(3, registry.idleAdds());
  }

  @Test
  void reservation_listedOnAnotherMachine_isKept() {
    registry.updateMachine(registry.newStartdSessionId(), machine("m1", 4).build());
    permit(session("s"), "s.1.0", 2);
    registry.updateMachine(registry.newStartdSessionId(), machine("m2", 4).running("s.1.0", 2).build());
    assertEquals(1, registry.allocations().size());
  }

  @Test
  void closeSession_forgetsIdleSteps_keepsAllocationsForGrace() {
    registry.updateMachine(registry.newStartdSessionId(), machine("m1", 4).build());
    ScheddSession s = session("s");
    permit(s, "s.1.0", 2);
    registry.addIdleSteps(s, List.of(step("s.2.0").build()));
    registry.closeScheddSession(s);
    assertEquals(List.of(), registry.idleStepIds());
    assertFalse(registry.addIdleSteps(s, List.of(step("s.3.0").build())), "a closed session is ignored");
    clock.advance(GRACE.minusMillis(1));
    assertEquals(1, registry.allocations().size());
    clock.advance(Duration.ofMillis(1));
    assertEquals(List.of(), registry.allocations());
  }

  @Test
  void reconnectWithinGrace_adoptsAllocations() {
    registry.updateMachine(registry.newStartdSessionId(), machine("m1", 4).build());
    ScheddSession s = session("s");
    permit(s, "s.1.0", 2);
    registry.closeScheddSession(s);
    clock.advance(GRACE.minusSeconds(1));
    ScheddSession again = session("s");
    clock.advance(GRACE);
    assertEquals(1, registry.allocations().size());
    assertTrue(registry.releaseSteps(again, List.of("s.1.0")));
  }

  @Test
  void newHello_supersedesOlderSessionOfSameSchedd() {
    ScheddSession old = session("s");
    registry.addIdleSteps(old, List.of(step("s.1.0").build()));
    ScheddSession current = session("s");
    assertEquals(List.of(), registry.idleStepIds());
    assertFalse(registry.addIdleSteps(old, List.of(step("s.2.0").build())));
    registry.closeScheddSession(old);
    assertTrue(registry.addIdleSteps(current, List.of(step("s.1.0").build())));
    assertEquals(List.of("s.1.0"), registry.idleStepIds());
  }

  @Test
  void idleAgain_stepWithAllocation_dropsAllocation() {
    registry.updateMachine(registry.newStartdSessionId(), machine("m1", 4).build());
    ScheddSession s = session("s");
    permit(s, "s.1.0", 2);
    registry.addIdleSteps(s, List.of(step("s.1.0").build()));
    assertEquals(List.of(), registry.allocations());
    assertEquals(List.of("s.1.0"), registry.idleStepIds());
  }

  @Test
  void sweepNotices_machineSilentPastLostTimeout_announcedOnceToEverySession_andAtHello() {
    registry.openScheddSession("s1", "s1:1", grant -> true, notice -> true);
    long id = registry.newStartdSessionId();
    registry.updateMachine(id, machine("m1", 4).build());
    clock.advance(TIMEOUT.multipliedBy(3));
    assertTrue(registry.sweepNotices().isEmpty(), "not lost at exactly the lost timeout");
    clock.advance(Duration.ofMillis(1));

    java.util.List<NoticeDelivery> deliveries = registry.sweepNotices();

    assertEquals(1, deliveries.size());
    MachineLost lost = (MachineLost) deliveries.get(0).notice();
    assertEquals("machine m1 did not report for 18s", lost.reason());
    assertTrue(registry.sweepNotices().isEmpty(), "announced once");
    assertEquals(java.util.List.of(lost), registry.helloNotices());
  }

  @Test
  void sweepNotices_lostMachineReportsAgain_returnedWithItsRunningSteps() {
    registry.openScheddSession("s1", "s1:1", grant -> true, notice -> true);
    long id = registry.newStartdSessionId();
    registry.updateMachine(id, machine("m1", 4).build());
    clock.advance(TIMEOUT.multipliedBy(4));
    registry.sweepNotices();

    registry.updateMachine(id, machine("m1", 4).running("s1.1.0", 1).build());

    java.util.List<NoticeDelivery> deliveries = registry.sweepNotices();
    assertEquals(java.util.List.of(new MachineReturned("m1", java.util.List.of("s1.1.0"))),
        deliveries.stream().map(NoticeDelivery::notice).toList());
    assertEquals(java.util.List.of(new MachineReturned("m1", java.util.List.of("s1.1.0"))), registry.helloNotices());
  }
}
