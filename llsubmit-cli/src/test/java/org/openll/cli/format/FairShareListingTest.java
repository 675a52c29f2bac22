package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openll.api.v1.FairShareEntry;
import org.openll.api.v1.QueryFairShareResponse;

class FairShareListingTest {
  @Test
  void format_usersAndGroups_oneRowEachUnderTheTotals() {
    QueryFairShareResponse response = QueryFairShareResponse.newBuilder()
        .setTotalShares(100).setIntervalHours(168)
        .addEntries(FairShareEntry.newBuilder().setName("alice").setAllocatedShares(10).setUsedShares(2.5)
            .setUsedCpuSeconds(3600))
        .addEntries(FairShareEntry.newBuilder().setName("physics").setGroup(true).setAllocatedShares(40))
        .build();

    assertEquals("Total shares: 100    Interval: 168 hours\n\n"
        + "Name             Type   Allocated         Used     Used CPU (s)\n"
        + "---------------- ----- ---------- ------------ ----------------\n"
        + "alice            user          10         2.50           3600.0\n"
        + "physics          group         40         0.00              0.0\n",
        FairShareListing.format(response));
  }
}
