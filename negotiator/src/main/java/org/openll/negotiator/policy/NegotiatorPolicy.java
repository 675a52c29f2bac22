package org.openll.negotiator.policy;

import java.time.Instant;
import java.util.List;
import org.openll.common.config.SchedulingConfig;
import org.openll.negotiator.cycle.PolicySource;
import org.openll.negotiator.fairshare.FairShareLedger;
import org.openll.negotiator.favor.FavorList;
import org.openll.negotiator.match.Allocation;
import org.openll.negotiator.match.FairShareUsage;
import org.openll.negotiator.match.SchedulingPolicy;

/**
 * The policy of each cycle: the current configuration and admin stanzas, the fair-share usage
 * (accrued from the allocations up to the cycle's time, only while FAIR_SHARE_TOTAL_SHARES > 0),
 * and the favored steps and users.
 */
public final class NegotiatorPolicy implements PolicySource {
  private final PolicyInputs inputs;
  private final FairShareLedger ledger;
  private final FavorList favors;

  public NegotiatorPolicy(PolicyInputs inputs, FairShareLedger ledger, FavorList favors) {
    this.inputs = inputs;
    this.ledger = ledger;
    this.favors = favors;
  }

  @Override
  public SchedulingPolicy policy(List<Allocation> allocations, Instant now) {
    PolicyFiles files = inputs.current();
    SchedulingConfig config = files.config();
    FairShareUsage usage = FairShareUsage.none();
    if (config.fairShareTotalShares() > 0) {
      ledger.accrue(allocations, now, config.fairShareInterval());
      usage = ledger.usage(config.fairShareTotalShares());
    } else {
      // fair share off: keep the clock moving so turning it on later charges nothing for the gap
      ledger.accrue(List.of(), now, config.fairShareInterval());
    }
    FavorList.Favored favored = favors.favored();
    return new SchedulingPolicy(config, files.admin(), usage, favored.steps(), favored.users());
  }
}
