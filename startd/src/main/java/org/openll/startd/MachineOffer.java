package org.openll.startd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openll.common.admin.AdminConfig;
import org.openll.common.config.LoadLConfig;

/**
 * What this machine offers according to its configuration: its {@link MachineAdBuilder.Site}
 * facts, its class initiators and its consumables. Immutable; {@code llctl reconfig} replaces it
 * whole.
 *
 * @param classSlots initiators per class ({@code CLASS}); empty: any class, with as many
 *     initiators as the machine has CPUs
 * @param resources consumables in their units ({@code ConsumableMemory} and
 *     {@code ConsumableVirtualMemory} in MiB); never {@code ConsumableCpus}, which is the
 *     machine's CPUs
 */
public record MachineOffer(MachineAdBuilder.Site site, Map<String, Integer> classSlots,
    Map<String, Long> resources) {
  static final String RESOURCES = "RESOURCES";

  public MachineOffer {
    Objects.requireNonNull(site, "site");
    classSlots = Collections.unmodifiableMap(new LinkedHashMap<>(classSlots));
    resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
  }

  /** No site facts, any class, no consumables beyond CPUs. */
  public static MachineOffer none(Path executeDir) {
    return new MachineOffer(new MachineAdBuilder.Site(executeDir, "", List.of(), Map.of(),
        MachineAdBuilder.openllVersion()), Map.of(), Map.of());
  }

  /**
   * The offer of {@code machine}: {@code ConsumableMemory} = physical memory and
   * {@code ConsumableVirtualMemory} = physical + swap (when known), then the machine stanza's
   * {@code resources} of LoadL_admin, then the configuration's {@code RESOURCES} (each overriding
   * the amounts before it); {@code CLASS}, {@code FEATURE}, {@code POOL} and
   * {@code MACHINE_ATTRIBUTES} from the configuration (global, then local).
   *
   * @throws org.openll.common.config.ConfigException naming the file and keyword of a bad value
   */
  public static MachineOffer from(LoadLConfig config, AdminConfig admin, String machine, Path executeDir,
      MemInfo memory) {
    MachineAdBuilder.Site site = MachineAdBuilder.Site.fromConfig(config, executeDir);
    Map<String, Integer> slots = ClassSlots.parse(config.getString(ClassSlots.KEYWORD, ""), config.toString());
    Map<String, Long> resources = new LinkedHashMap<>();
    if (memory.physicalMb() > 0) {
      resources.put(ResourceList.MEMORY, memory.physicalMb());
      resources.put(ResourceList.VIRTUAL_MEMORY, memory.virtualMb());
    }
    admin.machine(machine).ifPresent(stanza -> resources.putAll(stanza.resources()));
    resources.putAll(ResourceList.parse(config.getString(RESOURCES, ""), config + ": " + RESOURCES));
    resources.remove(ResourceList.CPUS);
    return new MachineOffer(site, slots, resources);
  }

  /** The classes it runs, in {@code CLASS} order; empty: any. */
  public List<String> classes() {
    return new ArrayList<>(classSlots.keySet());
  }

  /** The initiators of {@code jobClass} on a machine of {@code cpus} CPUs. */
  public int slotsOf(String jobClass, int cpus) {
    return classSlots.isEmpty() ? cpus : classSlots.getOrDefault(jobClass, 0);
  }

  /** One line per part that differs from {@code before}, named by its keyword; empty when none. */
  public List<String> changesFrom(MachineOffer before) {
    List<String> changed = new ArrayList<>();
    if (!classSlots.equals(before.classSlots)) {
      changed.add("CLASS " + describe(classSlots));
    }
    if (!site.features().equals(before.site.features())) {
      changed.add("FEATURE " + String.join(" ", site.features()));
    }
    if (!resources.equals(before.resources)) {
      changed.add("RESOURCES " + describe(resources));
    }
    if (!site.pool().equals(before.site.pool())) {
      changed.add("POOL " + site.pool());
    }
    if (!site.attributes().equals(before.site.attributes())) {
      changed.add("MACHINE_ATTRIBUTES " + site.attributes());
    }
    return changed;
  }

  private static String describe(Map<String, ? extends Number> counts) {
    List<String> items = new ArrayList<>();
    counts.forEach((name, count) -> items.add(name + "(" + count + ")"));
    return String.join(" ", items);
  }
}
