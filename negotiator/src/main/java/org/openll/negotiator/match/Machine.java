package org.openll.negotiator.match;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openll.common.expr.Attributes;
import org.openll.common.expr.Value;

/**
 * A machine's latest ad: what its startd offers. Immutable.
 *
 * @param classes job classes it runs; empty means any class
 * @param running CPUs of each step running or starting there, by step id, in the ad's order
 * @param diskKb KiB free in its execute directory
 * @param pool its pool; empty means none
 * @param llVersion the version of its startd; empty when unknown
 * @param extra site-defined attributes, by name as the ad spells it
 * @param resources consumables offered besides CPUs: ConsumableMemory and ConsumableVirtualMemory
 *     (MiB), GPU, ...
 * @param classSlots initiators per class ({@code CLASS = name(n)}); empty: every class of
 *     {@code classes} (or any class) with {@code cpus} initiators
 * @param drained takes no new step
 */
public record Machine(String name, String address, int cpus, long memoryMb, String arch, String opsys,
    List<String> features, List<String> classes, Map<String, Integer> running, String claimSecret,
    double loadAverage, long diskKb, String pool, String llVersion, Map<String, String> extra, String containment,
    Map<String, Long> resources, Map<String, Integer> classSlots, boolean drained) {
  public Machine {
    Objects.requireNonNull(name, "name");
    address = Objects.requireNonNullElse(address, "");
    arch = Objects.requireNonNullElse(arch, "");
    opsys = Objects.requireNonNullElse(opsys, "");
    claimSecret = Objects.requireNonNullElse(claimSecret, "");
    pool = Objects.requireNonNullElse(pool, "");
    llVersion = Objects.requireNonNullElse(llVersion, "");
    containment = Objects.requireNonNullElse(containment, "");
    features = List.copyOf(features);
    classes = List.copyOf(classes);
    running = Collections.unmodifiableMap(new LinkedHashMap<>(running));
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    resources = Map.copyOf(resources);
    classSlots = Map.copyOf(classSlots);
  }

  /** A machine that offers no consumable besides CPUs, with no class slots, not drained. */
  public Machine(String name, String address, int cpus, long memoryMb, String arch, String opsys,
      List<String> features, List<String> classes, Map<String, Integer> running, String claimSecret,
      double loadAverage, long diskKb, String pool, String llVersion, Map<String, String> extra, String containment) {
    this(name, address, cpus, memoryMb, arch, opsys, features, classes, running, claimSecret, loadAverage, diskKb,
        pool, llVersion, extra, containment, Map.of(), Map.of(), false);
  }

  /** The record's fields, with the claim secret redacted: an ad may be logged, its secret never. */
  @Override
  public String toString() {
    return "Machine[name=" + name + ", address=" + address + ", cpus=" + cpus + ", memoryMb=" + memoryMb
        + ", arch=" + arch + ", opsys=" + opsys + ", features=" + features + ", classes=" + classes
        + ", running=" + running + ", claimSecret=" + org.openll.common.grpc.Redaction.secret(claimSecret)
        + ", loadAverage=" + loadAverage + ", diskKb=" + diskKb + ", pool=" + pool + ", llVersion=" + llVersion
        + ", extra=" + extra + ", containment=" + containment + ", resources=" + resources
        + ", classSlots=" + classSlots + ", drained=" + drained + "]";
  }

  /** Whether this machine runs steps of {@code jobClass}. */
  public boolean runsClass(String jobClass) {
    return classes.isEmpty() || classes.contains(jobClass);
  }

  /**
   * This ad without the figures that drift on every ad (load average, free disk), so that two ads
   * that differ only in those are equal: such a change does not merit a negotiation cycle.
   */
  public Machine withoutGauges() {
    return new Machine(name, address, cpus, memoryMb, arch, opsys, features, classes, running, claimSecret, 0, 0,
        pool, llVersion, extra, containment, resources, classSlots, drained);
  }

  /** CPUs not taken by the steps in this ad (reservations not counted; see {@link FreeCpus}). */
  public int unclaimedCpus() {
    return cpus - running.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** {@link #attributes(int)} with {@link #unclaimedCpus()} as the free CPUs. */
  public Attributes attributes() {
    return attributes(unclaimedCpus());
  }

  /**
   * This machine as expression attributes: {@code Arch}, {@code OpSys}, {@code Machine},
   * {@code Memory} (MB), {@code Disk} (KB), {@code Cpus}, {@code Feature} (multi-valued),
   * {@code Class} (multi-valued; every class when it runs any), {@code Pool} (absent when empty;
   * a number when numeric), {@code LL_Version} (absent when empty), {@code ConsumableCpus}
   * ({@code freeCpus}), {@code ConsumableMemory} (MB; all of {@code Memory}, as steps' memory is
   * not yet accounted), {@code LoadAvg}, then the {@link #extra} attributes, case-insensitively,
   * a number when numeric. Built-in names win over extra ones.
   */
  public Attributes attributes(int freeCpus) {
    return key -> switch (key) {
      case "arch" -> Value.text(arch);
      case "opsys" -> Value.text(opsys);
      case "machine" -> Value.text(name);
      case "memory", "consumablememory" -> Value.number(memoryMb);
      case "disk" -> Value.number(diskKb);
      case "cpus" -> Value.number(cpus);
      case "consumablecpus" -> Value.number(freeCpus);
      case "feature" -> Value.texts(features);
      case "class" -> classes.isEmpty() ? Value.any() : Value.texts(classes);
      case "pool" -> pool.isBlank() ? null : Value.ofAdString(pool);
      case "ll_version" -> llVersion.isBlank() ? null : Value.text(llVersion);
      case "loadavg" -> Value.number(loadAverage);
      default -> extra(key);
    };
  }

  private Value extra(String key) {
    for (Map.Entry<String, String> e : extra.entrySet()) {
      if (sameKey(e.getKey(), key)) {
        return Value.ofAdString(e.getValue());
      }
    }
    return null;
  }

  /**
   * Whether {@code name} is {@code key} ({@link Value#key}, lower case) but for case. Two ASCII
   * names need no lower-cased copy, which a cycle would make ~10^5 times.
   */
  private static boolean sameKey(String name, String key) {
    return ascii(name) && ascii(key) ? name.equalsIgnoreCase(key) : Value.key(name).equals(key);
  }

  private static boolean ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }
}
