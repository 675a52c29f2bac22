package org.openll.negotiator.match;

import java.util.Map;

/** Decayed usage in shares per user and per group, for SYSPRIO's UserUsedShares and GroupUsedShares. */
public record FairShareUsage(Map<String, Double> users, Map<String, Double> groups) {
  public FairShareUsage {
    users = Map.copyOf(users);
    groups = Map.copyOf(groups);
  }

  public static FairShareUsage none() {
    return new FairShareUsage(Map.of(), Map.of());
  }
}
