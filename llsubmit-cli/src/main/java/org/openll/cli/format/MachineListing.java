package org.openll.cli.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openll.api.v1.MachineAd;
import org.openll.api.v1.MachineStatus;

/**
 * llstatus's standard listing: one row per machine, then a line per Arch/OpSys platform, the
 * Total Machines line and the trailer. Pure.
 *
 * <p>openll has one schedd per cluster, on the host of the machines of a personal cluster: the
 * schedd's {@code InQ} and {@code Act} counts are shown on the row of the first machine (by
 * name), every other row shows the schedd's state with {@code 0 0}. Machines have no keyboard:
 * the Idle column is always {@value #KEYBOARD_IDLE} (LoadLeveler's cap, "idle for ever").
 */
public final class MachineListing {
  static final String HEADER =
      "Name                      Schedd InQ  Act Startd Run LdAvg Idle Arch      OpSys\n";
  static final int KEYBOARD_IDLE = 9999;

  /**
   * What llstatus knows of the schedd.
   *
   * @param state "Avail" when it answers, "Down" otherwise
   * @param inQueue steps in its queue that are not finished
   * @param active steps it dispatched (Pending through Complete Pending)
   */
  public record ScheddCounts(String state, int inQueue, int active) {
    public static ScheddCounts down() {
      return new ScheddCounts("Down", 0, 0);
    }
  }

  /**
   * The cluster-wide facts of the trailer.
   *
   * @param centralManager the host the negotiator runs on
   * @param backfill whether SCHEDULER_TYPE is BACKFILL
   */
  public record Trailer(String centralManager, boolean backfill) {}

  private MachineListing() {}

  /** The startd state: Down, Drain, Idle (no step), Busy (no free CPU) or Run. */
  public static String startdState(MachineStatus m) {
    if (!m.getUp()) {
      return "Down";
    }
    if (m.getAd().getDrained()) {
      return "Drain";
    }
    if (runningSteps(m) == 0) {
      return "Idle";
    }
    return m.getFreeCpus() <= 0 ? "Busy" : "Run";
  }

  /** The whole listing of {@code machines} (ordered by name). */
  public static String format(List<MachineStatus> machines, ScheddCounts schedd, Trailer trailer) {
    StringBuilder text = new StringBuilder(HEADER);
    Map<String, int[]> platforms = new TreeMap<>();
    int[] total = new int[3];
    for (int i = 0; i < machines.size(); i++) {
      MachineStatus m = machines.get(i);
      text.append(row(m, schedd.state(), i == 0 ? schedd.inQueue() : 0, i == 0 ? schedd.active() : 0)).append('\n');
      int[] platform = platforms.computeIfAbsent(m.getAd().getArch() + "/" + m.getAd().getOpsys(), k -> new int[3]);
      for (int[] counts : new int[][] {platform, total}) {
        counts[0]++;
        counts[1] += runningSteps(m);
        counts[2] += runningTasks(m);
      }
    }
    text.append('\n');
    platforms.forEach((name, counts) -> text.append(summary(name, counts)).append('\n'));
    text.append(summary("Total Machines", total)).append('\n');
    text.append('\n');
    text.append("The Central Manager is defined on ").append(trailer.centralManager()).append('\n');
    if (trailer.backfill()) {
      text.append('\n').append("The BACKFILL scheduler is in use").append('\n');
    }
    text.append('\n');
    List<String> down = new ArrayList<>();
    machines.stream().filter(m -> !m.getUp()).forEach(m -> down.add(m.getAd().getMachine()));
    if (down.isEmpty()) {
      text.append("All machines on the machine_list are present.\n");
    } else {
      text.append("The following machine is marked DOWN or has not reported:\n".replace(
          "machine is", down.size() == 1 ? "machine is" : "machines are"));
      down.forEach(name -> text.append(name).append('\n'));
    }
    return text.toString();
  }

  /**
   * Steps holding the machine: the negotiator's count, or the steps its startd reports running
   * when that is more (a negotiator that does not count them yet, a step it did not permit).
   */
  public static int runningSteps(MachineStatus m) {
    return Math.max(m.getRunningSteps(), m.getAd().getRunningCount());
  }

  /** Tasks running on the machine, at least one per step its startd reports. */
  public static int runningTasks(MachineStatus m) {
    return Math.max(m.getRunningTasks(), m.getAd().getRunningCount());
  }

  /** One machine's row. */
  public static String row(MachineStatus m, String scheddState, int inQueue, int active) {
    MachineAd ad = m.getAd();
    return String.format(Locale.ROOT, "%-26s%-5s%6d%4d %-6s%4d %-5s%5d %-9s %s",
        ad.getMachine(), scheddState, inQueue, active, startdState(m), runningTasks(m),
        String.format(Locale.ROOT, "%.2f", ad.getLoadAverage()), KEYBOARD_IDLE, ad.getArch(), ad.getOpsys());
  }

  private static String summary(String name, int[] counts) {
    return String.format(Locale.ROOT, "%-26s%3d machines%7d  jobs%7d  running tasks", name, counts[0], counts[1], counts[2]);
  }
}
