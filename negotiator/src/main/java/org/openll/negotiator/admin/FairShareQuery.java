package org.openll.negotiator.admin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openll.api.v1.FairShareEntry;
import org.openll.api.v1.QueryFairShareResponse;
import org.openll.common.admin.AdminConfig;
import org.openll.common.config.SchedulingConfig;
import org.openll.negotiator.fairshare.FairShareLedger;

/**
 * llfs: users then groups, by name: everyone with usage in the ledger or {@code fair_shares} in
 * their stanza, with the stanza's allocated shares and the decayed usage.
 */
public final class FairShareQuery {
  private FairShareQuery() {}

  public static QueryFairShareResponse fairShare(SchedulingConfig config, AdminConfig admin,
      List<FairShareLedger.Entry> usage) {
    Map<String, FairShareEntry.Builder> users = new TreeMap<>();
    Map<String, FairShareEntry.Builder> groups = new TreeMap<>();
    admin.users().values().stream().filter(u -> u.fairShares() > 0)
        .forEach(u -> users.put(u.name(), entry(u.name(), false)));
    admin.groups().values().stream().filter(g -> g.fairShares() > 0)
        .forEach(g -> groups.put(g.name(), entry(g.name(), true)));
    for (FairShareLedger.Entry e : usage) {
      (e.group() ? groups : users).computeIfAbsent(e.name(), n -> entry(n, e.group()))
          .setUsedCpuSeconds(e.usedCpuSeconds())
          .setUsedShares(e.usedShares());
    }
    QueryFairShareResponse.Builder response = QueryFairShareResponse.newBuilder()
        .setTotalShares(config.fairShareTotalShares())
        .setIntervalHours(config.fairShareInterval().toSeconds() / 3600.0);
    users.forEach((n, b) -> response.addEntries(b.setAllocatedShares(admin.user(n).fairShares())));
    groups.forEach((n, b) -> response.addEntries(b.setAllocatedShares(admin.group(n).fairShares())));
    return response.build();
  }

  private static FairShareEntry.Builder entry(String name, boolean group) {
    return FairShareEntry.newBuilder().setName(name).setGroup(group);
  }
}
