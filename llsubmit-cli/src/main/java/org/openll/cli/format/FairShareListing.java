package org.openll.cli.format;

import java.util.Locale;
import org.openll.api.v1.FairShareEntry;
import org.openll.api.v1.QueryFairShareResponse;

/**
 * llfs's table: the total shares and decay interval, then one row per user and group with its
 * allocated shares, used shares (decayed) and used CPU-seconds (decayed). Pure.
 */
public final class FairShareListing {
  static final String COLUMNS = String.format(Locale.ROOT, "%-16s %-5s %10s %12s %16s",
      "Name", "Type", "Allocated", "Used", "Used CPU (s)");

  private FairShareListing() {}

  public static String format(QueryFairShareResponse response) {
    StringBuilder text = new StringBuilder();
    text.append("Total shares: ").append(response.getTotalShares())
        .append("    Interval: ").append(hours(response.getIntervalHours())).append(" hours\n\n");
    text.append(COLUMNS).append('\n');
    text.append(String.format(Locale.ROOT, "%s %s %s %s %s",
        "-".repeat(16), "-".repeat(5), "-".repeat(10), "-".repeat(12), "-".repeat(16))).append('\n');
    for (FairShareEntry entry : response.getEntriesList()) {
      text.append(String.format(Locale.ROOT, "%-16s %-5s %10d %12.2f %16.1f",
          entry.getName(), entry.getGroup() ? "group" : "user", entry.getAllocatedShares(),
          entry.getUsedShares(), entry.getUsedCpuSeconds())).append('\n');
    }
    if (response.getEntriesCount() == 0) {
      text.append("llfs: no user or group has fair_shares.\n");
    }
    return text.toString();
  }

  private static String hours(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
  }
}
