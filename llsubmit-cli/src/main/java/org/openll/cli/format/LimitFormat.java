package org.openll.cli.format;

import java.util.Locale;
import org.openll.api.v1.LimitValue;

/**
 * Limits and sizes as llq -l prints them (LoadLeveler's forms): time limits
 * {@code 00:01:00 (60 seconds)}, size limits {@code 7.764 gb (8336179200 bytes)} with the largest
 * binary unit that keeps the number at least 1 and three decimals, {@code unlimited}, and
 * {@code undefined} when the step sets no limit. Pure.
 */
public final class LimitFormat {
  private static final String[] UNITS = {"b", "kb", "mb", "gb", "tb", "pb", "eb"};

  private LimitFormat() {}

  /** One part (hard or soft) of a time limit in seconds; {@code present} false means not set. */
  public static String time(boolean present, LimitValue value) {
    if (!present || value.getValueCase() == LimitValue.ValueCase.VALUE_NOT_SET) {
      return "undefined";
    }
    if (value.hasUnlimited()) {
      return "unlimited";
    }
    long s = value.getAmount();
    return String.format(Locale.ROOT, "%02d:%02d:%02d (%d seconds)", s / 3600, s / 60 % 60, s % 60, s);
  }

  /** One part of a size limit in bytes. */
  public static String size(boolean present, LimitValue value) {
    if (!present || value.getValueCase() == LimitValue.ValueCase.VALUE_NOT_SET) {
      return "undefined";
    }
    if (value.hasUnlimited()) {
      return "unlimited";
    }
    return bytes(value.getAmount()) + " (" + value.getAmount() + " bytes)";
  }

  /** {@code bytes} in the largest unit that keeps the number at least 1: {@code 7.764 gb}. */
  public static String bytes(long bytes) {
    int unit = 0;
    double value = bytes;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.3f %s", value, UNITS[unit]);
  }
}
