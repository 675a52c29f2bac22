package org.openll.common.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.openll.common.admin.ResourceCounts;
import org.openll.common.sysprio.SysprioExpression;

/**
 * Reads {@link SchedulingConfig} from LoadL_config's scheduling keywords, each at LoadLeveler's
 * default when absent. Every bad value is a {@link ConfigException}
 * {@code "<file>: KEYWORD = value: why"}.
 */
final class SchedulingConfigReader {
  /** LoadLeveler's default: a rejected step gets {@code ACTION_ON_MAX_REJECT} at once. */
  static final int DEFAULT_MAX_JOB_REJECT = 0;
  static final SysprioExpression DEFAULT_SYSPRIO = SysprioExpression.parse(SysprioExpression.DEFAULT);
  static final Duration DEFAULT_FAIR_SHARE_INTERVAL = Duration.ofHours(168);

  private final LoadLConfig config;

  private SchedulingConfigReader(LoadLConfig config) {
    this.config = config;
  }

  static SchedulingConfig read(LoadLConfig config) {
    return new SchedulingConfigReader(config).read();
  }

  private SchedulingConfig read() {
    return new SchedulingConfig(
        value("SCHEDULER_TYPE", SchedulingConfig.SchedulerType.LL_DEFAULT,
            v -> choice(v, SchedulingConfig.SchedulerType.class, "LL_DEFAULT or BACKFILL")),
        value("SYSPRIO", DEFAULT_SYSPRIO, SchedulingConfigReader::sysprio),
        value("SCHEDULE_BY_RESOURCES", List.of(),
            v -> words(v).stream().map(ResourceCounts::canonical).distinct().toList()),
        value("FLOATING_RESOURCES", Map.of(), ResourceCounts::parse),
        value("MAX_JOB_REJECT", DEFAULT_MAX_JOB_REJECT, SchedulingConfigReader::maxJobReject),
        value("ACTION_ON_MAX_REJECT", SchedulingConfig.RejectAction.HOLD,
            v -> choice(v, SchedulingConfig.RejectAction.class, "HOLD, SYSHOLD or CANCEL")),
        value("FAIR_SHARE_TOTAL_SHARES", 0L, SchedulingConfigReader::nonNegative),
        value("FAIR_SHARE_INTERVAL", DEFAULT_FAIR_SHARE_INTERVAL, SchedulingConfigReader::hours),
        value("LOADL_ADMIN", Set.of(System.getProperty("user.name")), v -> new LinkedHashSet<>(words(v))));
  }

  /** The keyword's value read by {@code reader}, or {@code absent}; a reader's complaint names the keyword. */
  private <T> T value(String keyword, T absent, Function<String, T> reader) {
    String text = config.get(keyword).orElse(null);
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      return reader.apply(text.strip());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(config + ": " + keyword + " = " + text.strip() + ": " + e.getMessage());
    }
  }

  private static SysprioExpression sysprio(String text) {
    try {
      return SysprioExpression.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replaceFirst("^SYSPRIO: ", ""), e);
    }
  }

  private static <E extends Enum<E>> E choice(String text, Class<E> type, String expected) {
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected " + expected);
    }
  }

  private static int maxJobReject(String text) {
    long n = integer(text);
    if (n < -1 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("expected -1 (unlimited) or a count from 0");
    }
    return (int) n;
  }

  private static long nonNegative(String text) {
    long n = integer(text);
    if (n < 0) {
      throw new IllegalArgumentException("must not be negative");
    }
    return n;
  }

  private static long integer(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number");
    }
  }

  /**
   * Hours, as LoadLeveler writes FAIR_SHARE_INTERVAL; openll also accepts a unit suffix
   * ({@code ms s m h}) so tests can use short intervals. Must be positive.
   */
  private static Duration hours(String text) {
    String v = text.toLowerCase(Locale.ROOT);
    Duration d;
    if (v.endsWith("ms")) {
      d = Duration.ofMillis(integer(v.substring(0, v.length() - 2).strip()));
    } else if (v.endsWith("s")) {
      d = Duration.ofSeconds(integer(v.substring(0, v.length() - 1).strip()));
    } else if (v.endsWith("m")) {
      d = Duration.ofMinutes(integer(v.substring(0, v.length() - 1).strip()));
    } else if (v.endsWith("h")) {
      d = Duration.ofHours(integer(v.substring(0, v.length() - 1).strip()));
    } else {
      d = Duration.ofHours(integer(v));
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("must be positive");
    }
    return d;
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.split("[\\s,]+")).filter(w -> !w.isEmpty()).toList();
  }
}
