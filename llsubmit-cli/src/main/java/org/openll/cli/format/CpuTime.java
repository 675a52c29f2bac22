package org.openll.cli.format;

import java.util.Locale;
import java.util.Optional;

/**
 * Time limits as llclass prints them: {@code d+hh:mm:ss} ({@code 1+02:00:00}), {@code hh:mm:ss}
 * under a day, {@code undefined} when absent, {@code unlimited} for LoadLeveler's infinite values.
 * Pure.
 */
public final class CpuTime {
  private CpuTime() {}

  /** {@code seconds} as {@code [d+]hh:mm:ss}. */
  public static String format(long seconds) {
    long days = seconds / 86_400;
    long rest = seconds % 86_400;
    String clock = String.format(Locale.ROOT, "%02d:%02d:%02d", rest / 3600, rest / 60 % 60, rest % 60);
    return days > 0 ? days + "+" + clock : clock;
  }

  /**
   * A class stanza's limit value ({@code hard[,soft]}, each {@code [[hh:]mm:]ss}, plain seconds,
   * or {@code unlimited}/{@code rlim_infinity}) as llclass prints its hard limit; the value as given
   * when it is none of these, {@code undefined} when absent or empty.
   */
  public static String ofKeyword(Optional<String> value) {
    if (value.isEmpty() || value.get().isBlank()) {
      return "undefined";
    }
    String hard = value.get().split(",")[0].strip().replace("\"", "");
    String lower = hard.toLowerCase(Locale.ROOT);
    if (lower.equals("unlimited") || lower.equals("rlim_infinity") || lower.equals("-1")) {
      return "unlimited";
    }
    return seconds(hard).map(CpuTime::format).orElse(hard);
  }

  /** {@code [[hh:]mm:]ss} or plain seconds, when it is one. */
  static Optional<Long> seconds(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length > 3) {
      return Optional.empty();
    }
    long total = 0;
    for (String part : parts) {
      if (part.isEmpty() || !part.chars().allMatch(Character::isDigit) || part.length() > 12) {
        return Optional.empty();
      }
      total = total * 60 + Long.parseLong(part);
    }
    return Optional.of(total);
  }
}
