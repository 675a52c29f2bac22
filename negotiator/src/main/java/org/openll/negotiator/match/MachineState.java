package org.openll.negotiator.match;

import java.util.HashMap;
import java.util.Map;
import org.openll.common.expr.Attributes;
import org.openll.common.expr.Value;

/**
 * What is left of one up machine during one cycle: free CPUs, free accounted consumables, free
 * class initiators and who occupies it. Mutable, confined to one cycle (or to a backfill
 * projection, through {@link #copy()}). Within a cycle amounts only decrease.
 */
final class MachineState {
  static final String MEMORY = "ConsumableMemory";

  final Machine ad;
  /** Its position in the cycle's machines, sorted by name. */
  final int index;
  int freeCpus;
  /** Accounted per-machine consumables (not floating ones, not CPUs), by name. */
  final Map<String, Long> free;
  /** Free initiators per class: its slots minus the tasks of that class held here. */
  private final Map<String, Integer> slotsFree;
  /** Steps running or matched here (running in the ad, allocations, this cycle's matches). */
  int occupants;
  /** Steps holding this machine with node_usage = not_shared. */
  int exclusiveHolders;
  /** Whether expressions must see changed ConsumableCpus/ConsumableMemory since the cycle began. */
  private Attributes attributes;

  MachineState(Machine ad, int index, int freeCpus, Map<String, Long> free, Map<String, Integer> slotsFree, int occupants,
      int exclusiveHolders) {
    this.ad = ad;
    this.index = index;
    this.freeCpus = freeCpus;
    this.free = free;
    this.slotsFree = slotsFree;
    this.occupants = occupants;
    this.exclusiveHolders = exclusiveHolders;
  }

  MachineState copy() {
    return new MachineState(ad, index, freeCpus, new HashMap<>(free), new HashMap<>(slotsFree), occupants,
        exclusiveHolders);
  }

  String name() {
    return ad.name();
  }

  /** Whether the machine runs {@code jobClass}: its class slots name it, or (without slots) its classes do. */
  static boolean offers(Machine m, String jobClass) {
    return m.classSlots().isEmpty() ? m.runsClass(jobClass) : m.classSlots().getOrDefault(jobClass, 0) > 0;
  }

  /** Initiators of {@code jobClass}: its class slot, or its CPUs when it declares no slots. */
  static int slots(Machine m, String jobClass) {
    if (!offers(m, jobClass)) {
      return 0;
    }
    return m.classSlots().isEmpty() ? m.cpus() : m.classSlots().get(jobClass);
  }

  /** Capacity of a machine consumable; ConsumableMemory defaults to the machine's memory. */
  static long capacity(Machine m, String resource) {
    Long declared = m.resources().get(resource);
    if (declared != null) {
      return declared;
    }
    return MEMORY.equals(resource) ? m.memoryMb() : 0;
  }

  int slotsFree(String jobClass) {
    return slotsFree.getOrDefault(jobClass, slots(ad, jobClass));
  }

  long freeOf(String resource) {
    Long left = free.get(resource);
    return left != null ? left : capacity(ad, resource);
  }

  void take(String jobClass, int tasks, int cpus, Map<String, Long> resources, boolean exclusive) {
    change(jobClass, -tasks, -cpus, resources, -1, exclusive ? 1 : 0);
  }

  void release(String jobClass, int tasks, int cpus, Map<String, Long> resources, boolean exclusive) {
    change(jobClass, tasks, cpus, resources, 1, exclusive ? -1 : 0);
  }

  private void change(String jobClass, int tasks, int cpus, Map<String, Long> resources, int sign,
      int exclusive) {
    freeCpus += cpus;
    if (!jobClass.isEmpty()) {
      slotsFree.put(jobClass, slotsFree(jobClass) + tasks);
    }
    resources.forEach((name, amount) -> free.put(name, freeOf(name) + sign * amount));
    occupants -= sign;
    exclusiveHolders += exclusive;
    attributes = null;
  }

  /** The machine's attributes with ConsumableCpus and ConsumableMemory the amounts free now. */
  Attributes attributes() {
    if (attributes == null) {
      Attributes base = ad.attributes(freeCpus);
      long memory = freeOf(MEMORY);
      attributes = key -> key.equals("consumablememory") ? Value.number(memory) : base.get(key);
    }
    return attributes;
  }
}
