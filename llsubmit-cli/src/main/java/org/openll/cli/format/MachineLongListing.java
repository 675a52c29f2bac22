package org.openll.cli.format;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.openll.api.v1.MachineAd;
import org.openll.api.v1.MachineStatus;

/**
 * llstatus -l (one {@code Name = value} block per machine) and llstatus -R (each machine's
 * consumables as {@code Name(available,total)}). Pure.
 */
public final class MachineLongListing {
  static final String RESOURCES_HEADER = String.format(Locale.ROOT, "%-28s %s%n%s %s%n",
      "Machine", "Consumable Resource(Available, Total)", "-".repeat(28), "-".repeat(50));

  private MachineLongListing() {}

  /** The long listing of {@code machines}. */
  public static String format(List<MachineStatus> machines, LlDates dates) {
    StringBuilder text = new StringBuilder();
    for (MachineStatus m : machines) {
      MachineAd ad = m.getAd();
      line(text, "Name", ad.getMachine());
      line(text, "Machine", ad.getMachine());
      line(text, "Address", ad.getAddress());
      line(text, "Arch", ad.getArch());
      line(text, "OpSys", ad.getOpsys());
      line(text, "Cpus", Integer.toString(ad.getCpus()));
      line(text, "FreeCpus", Integer.toString(m.getFreeCpus()));
      line(text, "Memory", ad.getMemoryMb() + " mb");
      line(text, "FreeRealMemory", m.getFreeResourcesMap().containsKey("ConsumableMemory")
          ? m.getFreeResourcesMap().get("ConsumableMemory") + " mb" : "");
      line(text, "VirtualMemory", ad.getVirtualMemoryMb() > 0 ? ad.getVirtualMemoryMb() + " mb" : "");
      line(text, "Disk", ad.getDiskKb() + " kb");
      line(text, "LoadAvg", String.format(Locale.ROOT, "%.6f", ad.getLoadAverage()));
      line(text, "State", MachineListing.startdState(m));
      line(text, "Drained", ad.getDrained() ? "T" : "F");
      line(text, "RunningJobs", Integer.toString(MachineListing.runningSteps(m)));
      line(text, "RunningTasks", Integer.toString(MachineListing.runningTasks(m)));
      line(text, "Feature", String.join(" ", ad.getFeaturesList()));
      line(text, "ConfiguredClasses", slots(configuredClasses(m)));
      line(text, "AvailableClasses", slots(new TreeMap<>(m.getFreeClassSlotsMap())));
      line(text, "Resources", resources(m));
      line(text, "Pool", ad.getPool());
      line(text, "LL_Version", ad.getLlVersion());
      line(text, "Containment", ad.getContainment());
      line(text, "LastHeard", dates.longDate(m.getLastHeard()));
      text.append('\n');
    }
    return text.toString();
  }

  /** llstatus -R: a header, then per machine its consumables as {@code Name(available,total)}. */
  public static String resources(List<MachineStatus> machines) {
    StringBuilder text = new StringBuilder(RESOURCES_HEADER);
    for (MachineStatus m : machines) {
      text.append(String.format(Locale.ROOT, "%-28s %s", m.getAd().getMachine(), resources(m)).stripTrailing())
          .append('\n');
    }
    return text.toString();
  }

  /**
   * {@code ConsumableCpus(free,total)} then every other consumable of the ad by name; memory
   * amounts in {@code mb}.
   */
  static String resources(MachineStatus m) {
    StringBuilder text = new StringBuilder();
    text.append("ConsumableCpus(").append(m.getFreeCpus()).append(',').append(m.getAd().getCpus()).append(')');
    new TreeMap<>(m.getAd().getResourcesMap()).forEach((name, total) -> {
      long free = m.getFreeResourcesMap().getOrDefault(name, total);
      String unit = name.endsWith("Memory") ? " mb" : "";
      text.append(' ').append(name).append('(').append(free).append(unit).append(',').append(total).append(unit)
          .append(')');
    });
    return text.toString();
  }

  /** The initiators a machine offers per class: its class_slots, else cpus for each of its classes. */
  static Map<String, Integer> configuredClasses(MachineStatus m) {
    MachineAd ad = m.getAd();
    if (!ad.getClassSlotsMap().isEmpty()) {
      return new TreeMap<>(ad.getClassSlotsMap());
    }
    return ad.getClassesList().stream()
        .collect(Collectors.toMap(c -> c, c -> ad.getCpus(), (a, b) -> a, TreeMap::new));
  }

  /** LoadLeveler's {@code small(2) large(1)} form. */
  static String slots(Map<String, Integer> slots) {
    return slots.entrySet().stream().map(e -> e.getKey() + "(" + e.getValue() + ")").collect(Collectors.joining(" "));
  }

  private static void line(StringBuilder text, String label, String value) {
    text.append(String.format(Locale.ROOT, "%-18s= %s", label, value).stripTrailing()).append('\n');
  }
}
