package org.openll.common.jcf;

import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;

/**
 * Reads a {@code *_limit} keyword: {@code hard[,soft]}, each part a time (seconds) or a size
 * (bytes; a bare number is bytes), {@code unlimited} / {@code rlim_infinity}, or {@code copy} (the
 * limit llsubmit runs with). A soft limit above the hard one is lowered to it with a warning.
 */
final class LimitKeyword {
  /** The limit keywords whose values are times; every other is a size. */
  static final Set<String> TIME_LIMITS = Set.of("wall_clock_limit", "job_cpu_limit", "cpu_limit", "ckpt_time_limit");
  static final Set<String> STEP_LIMITS = Set.of("wall_clock_limit", "job_cpu_limit", "cpu_limit", "core_limit",
      "data_limit", "file_limit", "rss_limit", "stack_limit", "as_limit");

  private LimitKeyword() {}

  static Limit parse(String keyword, String value, SubmitLimits submitLimits, Consumer<String> warnings)
      throws BadValueException {
    String[] parts = value.split(",", -1);
    if (parts.length > 2) {
      throw new BadValueException(Units.quote(value) + " is not a limit (expected hard[,soft])");
    }
    Limit.Builder limit = Limit.newBuilder();
    limit.setHard(part(keyword, parts[0], true, submitLimits));
    if (parts.length == 2 && !parts[1].isBlank()) {
      limit.setSoft(part(keyword, parts[1], false, submitLimits));
    }
    if (limit.hasSoft() && !limit.getHard().getUnlimited()
        && (limit.getSoft().getUnlimited() || limit.getSoft().getAmount() > limit.getHard().getAmount())) {
      warnings.accept("soft limit " + parts[1].strip() + " is above the hard limit "
          + parts[0].strip() + "; lowered to it");
      limit.setSoft(limit.getHard());
    }
    return limit.build();
  }

  private static LimitValue part(String keyword, String text, boolean hard, SubmitLimits submitLimits)
      throws BadValueException {
    String word = text.strip().toLowerCase(Locale.ROOT);
    if (word.equals("unlimited") || word.equals("rlim_infinity")) {
      return LimitValue.newBuilder().setUnlimited(true).build();
    }
    if (word.equals("copy")) {
      return submitLimits.of(keyword)
          .map(limit -> hard ? limit.getHard() : limit.getSoft())
          .orElse(LimitValue.newBuilder().setUnlimited(true).build());
    }
    long amount = TIME_LIMITS.contains(keyword) ? Units.seconds(text) : Units.bytes(text, 1);
    return LimitValue.newBuilder().setAmount(amount).build();
  }
}
