package org.openll.negotiator.match;

import java.util.Map;
import java.util.stream.Collectors;

/** The lines llq -s shows for a step that did not start: one per reason, and the deciding one. */
final class Explanations {
  private Explanations() {}

  static String machines(int n) {
    return n == 1 ? "1 machine" : n + " machines";
  }

  private static String has(int n) {
    return machines(n) + (n == 1 ? " has" : " have");
  }

  private static String is(int n) {
    return machines(n) + (n == 1 ? " is" : " are");
  }

  private static long need(Shape s, TaskLayout layout, String resource) {
    return s.resources().getOrDefault(resource, 0L) * layout.minTasksPerMachine()
        + s.nodeResources().getOrDefault(resource, 0L);
  }

  private static String memoryNeed(Shape s, TaskLayout layout) {
    long mem = need(s, layout, MachineState.MEMORY);
    return mem > 0 ? mem + " MB of ConsumableMemory" : need(s, layout, "ConsumableVirtualMemory")
        + " MB of ConsumableVirtualMemory";
  }

  private static String otherResources(Shape s) {
    return java.util.stream.Stream.concat(s.resources().keySet().stream(), s.nodeResources().keySet().stream())
        .filter(r -> !r.equals(MachineState.MEMORY) && !r.equals("ConsumableVirtualMemory"))
        .distinct().sorted().collect(Collectors.joining(", "));
  }

  /** The line for one reason that excluded {@code n} machines. */
  static String detail(ExclusionReason reason, int n, Shape s, TaskLayout layout) {
    int min = layout.minTasksPerMachine();
    return switch (reason) {
      case MACHINE_DOWN -> is(n) + " down";
      case MACHINE_DRAINED -> is(n) + " drained";
      case CLASS_NOT_OFFERED -> machines(n) + (n == 1 ? " does" : " do") + " not offer class " + s.jobClass();
      case REQUIREMENTS -> machines(n) + (n == 1 ? " does" : " do") + " not meet the requirements";
      case NOT_SHARED -> s.notShared()
          ? machines(n) + (n == 1 ? " runs" : " run") + " other steps (node_usage = not_shared)"
          : is(n) + " held by a not_shared step";
      case CLASS_SLOTS -> min == 1
          ? has(n) + " no free " + s.jobClass() + " class slot"
          : has(n) + " fewer than " + min + " free " + s.jobClass() + " class slots";
      case CPUS -> (long) s.cpus() * min == 1
          ? has(n) + " no free CPU"
          : has(n) + " fewer than " + (long) s.cpus() * min + " free CPUs";
      case MEMORY -> has(n) + " less than " + memoryNeed(s, layout) + " free";
      case RESOURCE -> has(n) + " too little free " + otherResources(s);
      case TOP_DOG -> is(n) + " reserved for the top dog" + (s.wallClockLimit().isZero()
          ? " and the step has no wall_clock_limit" : " and the step would not end before it starts");
      default -> reason + ": " + machines(n);
    };
  }

  static String notEnoughMachines(TaskLayout layout, int fitting) {
    return switch (layout.kind()) {
      case FILL -> "not enough room for " + layout.total() + " tasks: " + machines(fitting)
          + " can take some of them now, together too few";
      default -> "needs " + machines(layout.machines()) + " with room for " + layout.tasksEach()
          + (layout.tasksEach() == 1 ? " task" : " tasks") + ", only " + fitting + " can take "
          + (layout.tasksEach() == 1 ? "it" : "them") + " now";
    };
  }

  /** The deciding line: the reason that came closest to letting the step run. */
  static String summary(ExclusionReason deciding, Map<ExclusionReason, Integer> counts, int up, Shape s,
      TaskLayout layout, boolean bigEnough) {
    if (up == 0) {
      return counts.getOrDefault(ExclusionReason.MACHINE_DOWN, 0) == 0
          && counts.getOrDefault(ExclusionReason.MACHINE_DRAINED, 0) > 0
          ? "every machine is drained" : "no machine is up";
    }
    if (deciding == null) {
      return "no machine can run it";
    }
    int n = counts.getOrDefault(deciding, 0);
    int min = layout.minTasksPerMachine();
    return switch (deciding) {
      case CLASS_NOT_OFFERED -> "class " + s.jobClass() + " is not offered by "
          + (up == 1 ? "the one up machine" : "any of the " + up + " up machines");
      case REQUIREMENTS -> "requirements not met by " + (n == 1 ? "the one machine that offers" : "any of the " + n + " machines that offer")
          + " class " + s.jobClass();
      case NOT_SHARED -> "node_usage = not_shared: " + detail(deciding, n, s, layout);
      case CLASS_SLOTS -> "no free class slot: " + detail(deciding, n, s, layout);
      case CPUS -> bigEnough
          ? "not enough free CPUs: " + detail(deciding, n, s, layout)
          : "no machine has " + (long) s.cpus() * min + " CPUs";
      case MEMORY -> "not enough free memory: " + detail(deciding, n, s, layout);
      case RESOURCE -> "not enough free " + otherResources(s) + ": " + detail(deciding, n, s, layout);
      case TOP_DOG -> "kept off by the backfill reservation: " + detail(deciding, n, s, layout);
      default -> detail(deciding, n, s, layout);
    };
  }
}
