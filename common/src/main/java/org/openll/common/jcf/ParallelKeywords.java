package org.openll.common.jcf;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openll.api.v1.Blocking;
import org.openll.api.v1.NetworkRequest;
import org.openll.api.v1.NodeCount;
import org.openll.api.v1.TaskAffinity;

/** Reads the task layout keywords of parallel steps: node, blocking, task_affinity, network.*. */
final class ParallelKeywords {
  private static final Pattern AFFINITY = Pattern.compile("(?i)(cpu|core)[ \\t]*(?:\\([ \\t]*(\\d{1,9})[ \\t]*\\))?");
  private static final Pattern INSTANCES = Pattern.compile("(?i)instances[ \\t]*=[ \\t]*(\\S*)");

  private ParallelKeywords() {}

  /** {@code node = n} or {@code node = min,max}. */
  static NodeCount node(String value) throws BadValueException {
    String[] parts = value.split(",", -1);
    if (parts.length > 2) {
      throw new BadValueException(Units.quote(value) + " is not a node count (expected n or min,max)");
    }
    int min = Units.positiveInt(parts[0]);
    int max = parts.length == 2 ? Units.positiveInt(parts[1]) : min;
    if (max < min) {
      throw new BadValueException("the maximum " + max + " is below the minimum " + min);
    }
    return NodeCount.newBuilder().setMin(min).setMax(max).build();
  }

  /** {@code blocking = unlimited | n}. */
  static Blocking blocking(String value) throws BadValueException {
    if (value.strip().equalsIgnoreCase("unlimited")) {
      return Blocking.newBuilder().setUnlimited(true).build();
    }
    return Blocking.newBuilder().setTasks(Units.positiveInt(value)).build();
  }

  /** {@code task_affinity = cpu(n) | core(n)}; a bare {@code cpu} or {@code core} is one. */
  static TaskAffinity taskAffinity(String value) throws BadValueException {
    Matcher affinity = AFFINITY.matcher(value.strip());
    if (!affinity.matches() || (affinity.group(2) != null && Integer.parseInt(affinity.group(2)) < 1)) {
      throw new BadValueException(Units.quote(value) + " is not cpu(n) or core(n)");
    }
    return TaskAffinity.newBuilder()
        .setUnit(affinity.group(1).toLowerCase(Locale.ROOT))
        .setCount(affinity.group(2) == null ? 1 : Integer.parseInt(affinity.group(2)))
        .build();
  }

  /**
   * {@code network.PROTOCOL = network_type [, [usage] [, mode [, comm_level]]] [, instances=n]};
   * {@code protocol} is the part after "network." as written.
   */
  static NetworkRequest network(String protocol, String value) throws BadValueException {
    String upper = protocol.toUpperCase(Locale.ROOT);
    if (!upper.equals("MPI") && !upper.equals("LAPI") && !upper.equals("PVM") && !upper.equals("MPI_LAPI")) {
      throw new BadValueException("protocol " + protocol + " is not MPI, LAPI, PVM or MPI_LAPI");
    }
    NetworkRequest.Builder network = NetworkRequest.newBuilder().setProtocol(upper);
    String[] parts = value.split(",", -1);
    String type = parts[0].strip();
    if (!type.matches("[A-Za-z0-9_.:-]{1,64}")) {
      throw new BadValueException(Units.quote(value) + " does not start with a network type (sn_all, sn_single, en0, ...)");
    }
    network.setNetworkType(type);
    int position = 1;
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].strip();
      Matcher instances = INSTANCES.matcher(part);
      if (instances.matches()) {
        network.setInstances(instancesValue(instances.group(1)));
        continue;
      }
      String word = part.toLowerCase(Locale.ROOT);
      switch (position++) {
        case 1 -> network.setUsage(choice(word, part, "usage", "shared", "not_shared"));
        case 2 -> network.setMode(choice(word, part, "mode", "us", "ip").toUpperCase(Locale.ROOT));
        case 3 -> network.setCommLevel(choice(word, part, "comm_level", "low", "average", "high").toUpperCase(Locale.ROOT));
        default -> throw new BadValueException("too many parts in " + Units.quote(value)
            + " (expected network_type, usage, mode, comm_level, instances=n)");
      }
    }
    return network.build();
  }

  private static int instancesValue(String text) throws BadValueException {
    try {
      return Units.positiveInt(text);
    } catch (BadValueException e) {
      throw new BadValueException("instances=" + text + " is not a positive integer");
    }
  }

  private static String choice(String word, String written, String what, String... allowed) throws BadValueException {
    if (word.isEmpty()) {
      return "";
    }
    for (String value : allowed) {
      if (value.equals(word)) {
        return value;
      }
    }
    throw new BadValueException(what + " " + Units.quote(written) + " is not one of " + String.join(", ", allowed));
  }
}
