package org.openll.starter;

import java.util.ArrayList;
import java.util.List;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.StepLimits;

/**
 * The per-process limits of a step ({@code cpu_limit}, {@code core_limit}, {@code data_limit},
 * {@code file_limit}, {@code stack_limit}, {@code as_limit}), which the command and every
 * descendant inherit. {@link NativeSpawn#lead} sets them with setrlimit(2) in the child before it
 * execs; otherwise (Java cannot call setrlimit) util-linux's {@code prlimit --cpu=SOFT:HARD --
 * command} sets them on itself and execs the command. A missing soft part is the hard one (so that
 * the hard limit takes effect); a missing hard part leaves the hard limit as it is. Raising a hard
 * limit above the starter's own needs privilege: the step then does not start (through
 * {@code prlimit}: it exits with prlimit's error on its stderr).
 */
final class Rlimits {
  /** A part of a limit that is not set: the current value stays. */
  static final long KEEP = -2;
  static final long UNLIMITED = -1;

  /** The limits, in the order {@code openll-spawn.c} knows them by. */
  enum Resource {
    CPU("cpu"), CORE("core"), DATA("data"), FSIZE("fsize"), STACK("stack"), AS("as");

    private final String prlimitName;

    Resource(String prlimitName) {
      this.prlimitName = prlimitName;
    }
  }

  /** One limit: soft and hard, each an amount (seconds or bytes), {@link #UNLIMITED} or {@link #KEEP}. */
  record Rlimit(Resource resource, long soft, long hard) {}

  private Rlimits() {}

  /** The step's limits of these kinds; empty when it sets none. */
  static List<Rlimit> of(StepLimits limits) {
    List<Rlimit> result = new ArrayList<>();
    add(result, Resource.CPU, limits.hasCpuLimit(), limits.getCpuLimit());
    add(result, Resource.CORE, limits.hasCoreLimit(), limits.getCoreLimit());
    add(result, Resource.DATA, limits.hasDataLimit(), limits.getDataLimit());
    add(result, Resource.FSIZE, limits.hasFileLimit(), limits.getFileLimit());
    add(result, Resource.STACK, limits.hasStackLimit(), limits.getStackLimit());
    add(result, Resource.AS, limits.hasAsLimit(), limits.getAsLimit());
    return result;
  }

  /** The {@code prlimit} prefix that sets {@code rlimits}, or an empty list when there are none. */
  static List<String> prefix(String prlimit, List<Rlimit> rlimits) {
    if (rlimits.isEmpty()) {
      return List.of();
    }
    List<String> prefix = new ArrayList<>();
    prefix.add(prlimit);
    for (Rlimit r : rlimits) {
      prefix.add("--" + r.resource().prlimitName + "=" + option(r.soft()) + ":" + option(r.hard()));
    }
    prefix.add("--");
    return prefix;
  }

  /** {@code rlimits} as (resource index, soft, hard) triples, for {@link NativeSpawn#lead}. */
  static long[] triples(List<Rlimit> rlimits) {
    long[] triples = new long[rlimits.size() * 3];
    for (int i = 0; i < rlimits.size(); i++) {
      triples[3 * i] = rlimits.get(i).resource().ordinal();
      triples[3 * i + 1] = rlimits.get(i).soft();
      triples[3 * i + 2] = rlimits.get(i).hard();
    }
    return triples;
  }

  private static void add(List<Rlimit> rlimits, Resource resource, boolean present, Limit limit) {
    if (!present || !limit.hasHard() && !limit.hasSoft()) {
      return;
    }
    long hard = limit.hasHard() ? value(limit.getHard()) : KEEP;
    long soft = limit.hasSoft() ? value(limit.getSoft()) : hard;
    rlimits.add(new Rlimit(resource, soft, hard));
  }

  private static long value(LimitValue v) {
    return v.getValueCase() == LimitValue.ValueCase.AMOUNT ? v.getAmount() : UNLIMITED;
  }

  private static String option(long value) {
    return value == KEEP ? "" : value == UNLIMITED ? "unlimited" : Long.toString(value);
  }
}
