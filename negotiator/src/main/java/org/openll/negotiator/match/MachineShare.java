package org.openll.negotiator.match;

import java.util.Map;
import java.util.Objects;

/**
 * What one step holds on one machine.
 *
 * @param tasks its tasks there (1 for a serial step)
 * @param cpus ConsumableCpus of those tasks
 * @param resources the other consumables it holds there, by name
 * @param exclusive node_usage = not_shared: nothing else may run there
 */
public record MachineShare(String machine, int tasks, int cpus, Map<String, Long> resources, boolean exclusive) {
  public MachineShare {
    Objects.requireNonNull(machine, "machine");
    resources = Map.copyOf(resources);
  }

  public static MachineShare cpusOnly(String machine, int cpus) {
    return new MachineShare(machine, 1, cpus, Map.of(), false);
  }
}
