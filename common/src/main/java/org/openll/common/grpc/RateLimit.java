package org.openll.common.grpc;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

/**
 * A per-user call rate as LoadL_config writes it: {@code 200/s burst 400} (200 calls a second,
 * up to 400 at once after a quiet spell), {@code 200} (burst twice the rate), or {@code 0}
 * (unlimited).
 *
 * @param perSecond calls a second, 0 for unlimited
 * @param burst calls let through at once, at least 1 unless unlimited
 */
public record RateLimit(int perSecond, int burst) {
  private static final Pattern FORMAT =
      Pattern.compile("(\\d+)\\s*(?:/\\s*s)?(?:\\s+burst\\s+(\\d+))?", Pattern.CASE_INSENSITIVE);

  public RateLimit {
    if (perSecond < 0 || burst < 0 || (perSecond > 0 && burst < 1)) {
      throw new IllegalArgumentException("rate " + perSecond + "/s burst " + burst);
    }
  }

  public static RateLimit unlimited() {
    return new RateLimit(0, 0);
  }

  public boolean isUnlimited() {
    return perSecond == 0;
  }

  /** Parses the value of {@code keyword}; a bad value is a ConfigException naming keyword and value. */
  public static RateLimit parse(String keyword, String value) {
    Matcher m = FORMAT.matcher(value.strip());
    if (!m.matches()) {
      throw new ConfigException(keyword + " = " + value
          + ": expected CALLS/s [burst N], e.g. 200/s burst 400, or 0 for unlimited");
    }
    try {
      int rate = Integer.parseInt(m.group(1));
      if (rate == 0) {
        return unlimited();
      }
      int burst = m.group(2) == null ? Math.multiplyExact(rate, 2) : Integer.parseInt(m.group(2));
      if (burst < 1) {
        throw new ConfigException(keyword + " = " + value + ": burst must be at least 1");
      }
      return new RateLimit(rate, burst);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ConfigException(keyword + " = " + value + ": number too large");
    }
  }

  /** The value of {@code keyword} in {@code config}, or {@code fallback} when it is absent. */
  public static RateLimit from(LoadLConfig config, String keyword, RateLimit fallback) {
    Optional<String> value = config.get(keyword);
    return value.map(v -> parse(keyword.toUpperCase(Locale.ROOT), v)).orElse(fallback);
  }

  @Override
  public String toString() {
    return isUnlimited() ? "unlimited" : perSecond + "/s burst " + burst;
  }
}
