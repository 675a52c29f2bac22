package org.openll.negotiator.registry;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.openll.negotiator.match.Allocation;
import org.openll.negotiator.match.FreeCpus;
import org.openll.negotiator.match.Machine;
import org.openll.negotiator.match.MachineShare;

/**
 * What the steps on one machine hold there: the allocations' shares on it, plus the steps its ad
 * lists as running that no allocation covers (each one task, its CPUs, no other consumable, class
 * unknown).
 *
 * @param freeResources each consumable of the ad minus the allocations' shares of it (may be negative
 *     when a startd shrank its offer under running steps)
 * @param freeClassSlots initiators left per class: from the ad's class slots, or, when it has none,
 *     {@code cpus} initiators for each class it lists (empty when it runs any class)
 */
public record MachineLoad(int freeCpus, Map<String, Long> freeResources, int runningSteps, int runningTasks,
    Map<String, Integer> freeClassSlots) {

  public static MachineLoad of(Machine machine, Collection<Allocation> allocations) {
    Map<String, Long> free = new LinkedHashMap<>(machine.resources());
    Map<String, Integer> tasksByClass = new HashMap<>();
    int steps = 0;
    int tasks = 0;
    for (Allocation allocation : allocations) {
      for (MachineShare share : allocation.machines()) {
        if (!share.machine().equals(machine.name())) {
          continue;
        }
        steps++;
        tasks += share.tasks();
        tasksByClass.merge(allocation.jobClass(), share.tasks(), Integer::sum);
        share.resources().forEach((name, amount) -> free.computeIfPresent(name, (n, left) -> left - amount));
      }
    }
    Set<String> covered = new HashSet<>();
    allocations.forEach(a -> covered.add(a.stepId()));
    for (String running : machine.running().keySet()) {
      if (!covered.contains(running)) {
        steps++;
        tasks++;
      }
    }
    return new MachineLoad(FreeCpus.of(machine, allocations), free, steps, tasks,
        freeClassSlots(machine, tasksByClass));
  }

  /** Initiators of {@code jobClass} the machine offers in all, busy or not. */
  public static int classSlots(Machine machine, String jobClass) {
    if (!machine.classSlots().isEmpty()) {
      return machine.classSlots().getOrDefault(jobClass, 0);
    }
    return machine.runsClass(jobClass) ? machine.cpus() : 0;
  }

  private static Map<String, Integer> freeClassSlots(Machine machine, Map<String, Integer> tasksByClass) {
    Map<String, Integer> result = new LinkedHashMap<>();
    if (!machine.classSlots().isEmpty()) {
      machine.classSlots().forEach((c, n) -> result.put(c, Math.max(0, n - tasksByClass.getOrDefault(c, 0))));
    } else {
      for (String c : machine.classes()) {
        result.put(c, Math.max(0, machine.cpus() - tasksByClass.getOrDefault(c, 0)));
      }
    }
    return result;
  }
}
