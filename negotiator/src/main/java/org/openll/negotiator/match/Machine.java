package org.openll.negotiator.match;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openll.negotiator.expr.Attributes;
import org.openll.negotiator.expr.Value;

/**
 * A machine's latest ad: what its startd offers. Immutable.
 *
 * @param classes job classes it runs; empty means any class
 * @param running CPUs of each step running or starting there, by step id, in the ad's order
 */
public record Machine(String name, String address, int cpus, long memoryMb, String arch, String opsys,
    List<String> features, List<String> classes, Map<String, Integer> running, String claimSecret,
    double loadAverage) {
  public Machine {
    Objects.requireNonNull(name, "name");
    address = Objects.requireNonNullElse(address, "");
    arch = Objects.requireNonNullElse(arch, "");
    opsys = Objects.requireNonNullElse(opsys, "");
    claimSecret = Objects.requireNonNullElse(claimSecret, "");
    features = List.copyOf(features);
    classes = List.copyOf(classes);
    running = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(running));
  }

  /** Whether this machine runs steps of {@code jobClass}. */
  public boolean runsClass(String jobClass) {
    return classes.isEmpty() || classes.contains(jobClass);
  }

  /**
   * This machine as expression attributes: {@code Arch}, {@code OpSys}, {@code Machine},
   * {@code Memory} (MB), {@code Cpus}, {@code Feature} (multi-valued), {@code LoadAvg}.
   */
  public Attributes attributes() {
    return name -> switch (name) {
      case "arch" -> Value.text(arch);
      case "opsys" -> Value.text(opsys);
      case "machine" -> Value.text(this.name);
      case "memory" -> Value.number(memoryMb);
      case "cpus" -> Value.number(cpus);
      case "feature" -> Value.texts(features);
      case "loadavg" -> Value.number(loadAverage);
      default -> null;
    };
  }
}
