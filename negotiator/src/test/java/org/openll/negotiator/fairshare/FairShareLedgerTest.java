package org.openll.negotiator.fairshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.time.FakeClock;
import org.openll.negotiator.match.Allocation;
import org.openll.negotiator.match.FairShareUsage;
import org.openll.negotiator.match.MachineShare;

class FairShareLedgerTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  private static Allocation running(String id, String owner, String group, int cpus, Instant since) {
    return new Allocation(id, owner, group, "small", List.of(MachineShare.cpusOnly("m1", cpus)), since, Duration.ZERO);
  }

  private static double used(FairShareLedger ledger, String name, boolean group) {
    return ledger.entries(100).stream().filter(e -> e.name().equals(name) && e.group() == group)
        .mapToDouble(FairShareLedger.Entry::usedCpuSeconds).findFirst().orElse(0);
  }

  @Test
  void accrue_cpusTimesElapsed_perUserAndGroup_fromTheLaterOfStartAndLastAccrual() {
    FairShareLedger ledger = new FairShareLedger(FairShareLedger.State.empty());
    ledger.accrue(List.of(), T0, Duration.ofDays(365));
    List<Allocation> allocations = List.of(running("a", "alice", "g1", 2, T0.minusSeconds(50)),
        running("b", "bob", "g1", 1, T0.plusSeconds(5)));

    ledger.accrue(allocations, T0.plusSeconds(10), Duration.ofDays(365));

    assertEquals(20, used(ledger, "alice", false), 0.01);
    assertEquals(5, used(ledger, "bob", false), 0.01);
    assertEquals(25, used(ledger, "g1", true), 0.01);
  }

  @Test
  void decay_unrenewedUsage_fallsTo5PercentOverOneInterval() {
    FairShareLedger ledger = new FairShareLedger(new FairShareLedger.State(Map.of("alice", 1000.0), Map.of(), T0));
    ledger.accrue(List.of(), T0.plus(HOUR.dividedBy(2)), HOUR);
    assertEquals(1000 * Math.sqrt(0.05), used(ledger, "alice", false), 0.01);
    ledger.accrue(List.of(), T0.plus(HOUR), HOUR);
    assertEquals(50, used(ledger, "alice", false), 0.01);
  }

  @Test
  void usage_sharesAreUsageRelativeToTotal_scaledToTotalShares() {
    FairShareLedger ledger = new FairShareLedger(
        new FairShareLedger.State(Map.of("alice", 300.0, "bob", 100.0), Map.of("g1", 400.0), T0));
    FairShareUsage usage = ledger.usage(100);
    assertEquals(75, usage.users().get("alice"), 1e-9);
    assertEquals(25, usage.users().get("bob"), 1e-9);
    assertEquals(100, usage.groups().get("g1"), 1e-9);
    assertEquals(FairShareUsage.none(), ledger.usage(0), "fair share off");
  }

  @Test
  void store_twoInstancesOverOneFolder_usageSurvivesRestart(@TempDir Path spool) throws Exception {
    FakeClock clock = new FakeClock(T0);
    FairShareStore store = new FairShareStore(spool.resolve(FairShareStore.FILE_NAME));
    FairShareLedger first = new FairShareLedger(store.load());
    FairShareKeeper keeper = new FairShareKeeper(first, store, clock.scheduler(), Duration.ofSeconds(5));
    keeper.startAsync().awaitRunning();
    first.accrue(List.of(), T0, HOUR);
    first.accrue(List.of(running("a", "alice", "g1", 4, T0)), T0.plusSeconds(10), HOUR);
    clock.advance(Duration.ofSeconds(5));
    assertFalse(first.dirty(), "saved by the periodic save");
    first.accrue(List.of(running("a", "alice", "g1", 4, T0)), T0.plusSeconds(20), HOUR);
    keeper.stopAsync().awaitTerminated();

    FairShareLedger second = new FairShareLedger(new FairShareStore(spool.resolve(FairShareStore.FILE_NAME)).load());

    assertEquals(used(first, "alice", false), used(second, "alice", false), 1e-9);
    assertEquals(used(first, "g1", true), used(second, "g1", true), 1e-9);
    assertTrue(used(second, "alice", false) > 79);
    second.accrue(List.of(), T0.plusSeconds(20), HOUR);
    assertEquals(used(first, "alice", false), used(second, "alice", false), 1e-9, "no gap charged or decayed twice");
  }

  @Test
  void store_corruptLine_namesFileAndLine(@TempDir Path spool) throws Exception {
    Path file = spool.resolve("fairshare.tsv");
    java.nio.file.Files.writeString(file, "last\t0\nuser\talice\tlots\n");
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.openll.common.config.ConfigException.class,
        () -> new FairShareStore(file).load());
    assertTrue(e.getMessage().startsWith(file + ":2: "), e.getMessage());
  }

  @Test
  void accrue_emptyLedgerNoAllocation_notDirtyAfterFirstSave() {
    FairShareLedger ledger = new FairShareLedger(FairShareLedger.State.empty());
    ledger.accrue(List.of(), T0, HOUR);
    ledger.snapshot();
    ledger.accrue(List.of(), T0.plusSeconds(5), HOUR);
    assertFalse(ledger.dirty());
    ledger.accrue(List.of(running("a", "alice", "g", 1, T0)), T0.plusSeconds(6), HOUR);
    assertTrue(ledger.dirty());
  }
}
