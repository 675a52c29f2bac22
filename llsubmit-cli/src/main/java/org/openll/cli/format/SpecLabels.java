package org.openll.cli.format;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.openll.api.v1.JobType;
import org.openll.api.v1.NetworkRequest;
import org.openll.api.v1.NodeUsage;
import org.openll.api.v1.Notification;
import org.openll.api.v1.ResourceRequest;
import org.openll.api.v1.StepSpec;

/** The values of typed StepSpec fields as llq -l prints them, in LoadLeveler's words. Pure. */
final class SpecLabels {
  private static final Set<String> MEMORY = Set.of("ConsumableMemory", "ConsumableVirtualMemory", "ConsumableLargePageMemory");
  private static final long MIB = 1024 * 1024;

  private SpecLabels() {}

  static String stepType(JobType type) {
    return switch (type) {
      case JOB_TYPE_PARALLEL -> "General Parallel";
      case JOB_TYPE_MPICH -> "MPICH";
      default -> "General Serial";
    };
  }

  static String nodeUsage(NodeUsage usage) {
    return switch (usage) {
      case NODE_USAGE_NOT_SHARED -> "not_shared";
      case NODE_USAGE_SLICE_NOT_SHARED -> "slice_not_shared";
      default -> "shared";
    };
  }

  static String notification(Notification n) {
    return switch (n) {
      case NOTIFICATION_ALWAYS -> "Always";
      case NOTIFICATION_ERROR -> "Error";
      case NOTIFICATION_START -> "Start";
      case NOTIFICATION_NEVER -> "Never";
      default -> "Complete";
    };
  }

  /** {@code ConsumableCpus(1) ConsumableMemory(2.000 gb)}: memory amounts (MiB) with units. */
  static String resources(List<ResourceRequest> resources) {
    return resources.stream()
        .map(r -> r.getName() + "(" + (MEMORY.contains(r.getName()) ? LimitFormat.bytes(r.getAmount() * MIB) : r.getAmount()) + ")")
        .collect(Collectors.joining(" "));
  }

  /** {@code (MPI,sn_all,not_shared,US,HIGH)} per network keyword, blank-separated. */
  static String networks(List<NetworkRequest> networks) {
    return networks.stream()
        .map(n -> "(" + String.join(",", n.getProtocol(), n.getNetworkType(), n.getUsage(), n.getMode(), n.getCommLevel())
            + (n.getInstances() > 0 ? ",instances=" + n.getInstances() : "") + ")")
        .collect(Collectors.joining(" "));
  }

  /** Task instances of the step: total_tasks, else node minimum × tasks_per_node, else 1. */
  static int taskInstances(StepSpec spec) {
    if (spec.getTotalTasks() > 0) {
      return spec.getTotalTasks();
    }
    int nodes = spec.hasNode() ? spec.getNode().getMin() : 1;
    return spec.getTasksPerNode() > 0 ? nodes * spec.getTasksPerNode() : 1;
  }
}
