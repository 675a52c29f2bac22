package org.openll.negotiator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.admin.AdminConfig;
import org.openll.negotiator.TestPolicies;
import org.openll.negotiator.fairshare.FairShareLedger;
import org.openll.negotiator.favor.FavorList;
import org.openll.negotiator.match.Allocation;
import org.openll.negotiator.match.FairShareUsage;
import org.openll.negotiator.match.MachineShare;
import org.openll.negotiator.match.SchedulingPolicy;

class NegotiatorPolicyTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void policy_fairShareOn_accruesAllocations_andCarriesFavoredLists(@TempDir Path spool) throws Exception {
    PolicyInputs inputs = PolicyInputs.fixed(new PolicyFiles(
        TestPolicies.config(100, Duration.ofDays(3650), Set.of("root")), AdminConfig.empty()));
    FavorList favors = new FavorList(spool.resolve(FavorList.FILE_NAME));
    favors.change(List.of("h.1"), List.of("bob"), false);
    NegotiatorPolicy source = new NegotiatorPolicy(inputs, new FairShareLedger(FairShareLedger.State.empty()), favors);
    List<Allocation> allocations = List.of(new Allocation("h.1.0", "alice", "g", "small",
        List.of(MachineShare.cpusOnly("m1", 2)), T0, Duration.ZERO));

    source.policy(allocations, T0);
    SchedulingPolicy policy = source.policy(allocations, T0.plusSeconds(30));

    assertEquals(Map.of("alice", 100.0), policy.usage().users());
    assertEquals(Set.of("h.1"), policy.favoredSteps());
    assertEquals(Set.of("bob"), policy.favoredUsers());
    assertEquals(inputs.config(), policy.config());
  }

  @Test
  void policy_fairShareOff_noUsage(@TempDir Path spool) throws Exception {
    FairShareLedger ledger = new FairShareLedger(FairShareLedger.State.empty());
    NegotiatorPolicy source = new NegotiatorPolicy(PolicyInputs.fixed(PolicyFiles.defaults()), ledger,
        new FavorList(spool.resolve(FavorList.FILE_NAME)));
    List<Allocation> allocations = List.of(new Allocation("h.1.0", "alice", "g", "small",
        List.of(MachineShare.cpusOnly("m1", 2)), T0, Duration.ZERO));
    source.policy(allocations, T0);
    assertEquals(FairShareUsage.none(), source.policy(allocations, T0.plusSeconds(30)).usage());
    assertEquals(List.of(), ledger.entries(100));
  }
}
