package org.openll.starter;

import java.util.ArrayList;
import java.util.List;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.StepLimits;

/**
 * The per-process limits of a step ({@code cpu_limit}, {@code core_limit}, {@code data_limit},
 * {@code file_limit}, {@code stack_limit}, {@code as_limit}) as a {@code prlimit} command prefix:
 * Java cannot call setrlimit(2), so util-linux's {@code prlimit --cpu=SOFT:HARD -- command} sets
 * them on itself and execs the command, which every descendant inherits. A missing soft part is
 * the hard one (so that the hard limit takes effect). Raising a hard limit above the starter's own
 * needs privilege: prlimit then fails and the step exits with its error on stderr.
 */
final class Rlimits {
  private Rlimits() {}

  /** The prefix, or an empty list when the step sets none of these limits. */
  static List<String> prefix(String prlimit, StepLimits limits) {
    List<String> options = new ArrayList<>();
    add(options, "cpu", limits.hasCpuLimit(), limits.getCpuLimit());
    add(options, "core", limits.hasCoreLimit(), limits.getCoreLimit());
    add(options, "data", limits.hasDataLimit(), limits.getDataLimit());
    add(options, "fsize", limits.hasFileLimit(), limits.getFileLimit());
    add(options, "stack", limits.hasStackLimit(), limits.getStackLimit());
    add(options, "as", limits.hasAsLimit(), limits.getAsLimit());
    if (options.isEmpty()) {
      return List.of();
    }
    List<String> prefix = new ArrayList<>();
    prefix.add(prlimit);
    prefix.addAll(options);
    prefix.add("--");
    return prefix;
  }

  private static void add(List<String> options, String name, boolean present, Limit limit) {
    if (!present || !limit.hasHard() && !limit.hasSoft()) {
      return;
    }
    String hard = limit.hasHard() ? value(limit.getHard()) : "";
    String soft = limit.hasSoft() ? value(limit.getSoft()) : hard;
    options.add("--" + name + "=" + soft + ":" + hard);
  }

  private static String value(LimitValue v) {
    return v.getValueCase() == LimitValue.ValueCase.AMOUNT ? Long.toString(v.getAmount()) : "unlimited";
  }
}
