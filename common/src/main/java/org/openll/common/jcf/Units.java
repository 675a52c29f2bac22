package org.openll.common.jcf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LoadLeveler's time and size values. Times are {@code [[hh:]mm:]ss[.fraction]} (the fraction is
 * rounded to the nearest second); sizes are a number with an optional unit {@code b w kb kw mb mw gb
 * gw tb tw pb pw eb ew} (w = 4 bytes, k = 1024), in any case, with or without a blank before the
 * unit. Every result fits a {@code long}; anything larger is an error. Pure functions.
 */
final class Units {
  static final String TIME_FORMAT = "[[hh:]mm:]ss";
  static final String SIZE_UNITS = "b, w, kb, kw, mb, mw, gb, gw, tb, tw, pb, pw, eb or ew";
  private static final Pattern TIME = Pattern.compile("(?:(?:(\\d{1,12}):)?(\\d{1,12}):)?(\\d{1,15})(?:\\.(\\d{1,9}))?");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,20}(?:\\.\\d{1,9})?|\\.\\d{1,9})[ \\t]*([A-Za-z]{0,2})");
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final Map<String, Long> UNITS = Map.ofEntries(
      Map.entry("b", 1L), Map.entry("w", 4L),
      Map.entry("kb", 1L << 10), Map.entry("kw", 4L << 10),
      Map.entry("mb", 1L << 20), Map.entry("mw", 4L << 20),
      Map.entry("gb", 1L << 30), Map.entry("gw", 4L << 30),
      Map.entry("tb", 1L << 40), Map.entry("tw", 4L << 40),
      Map.entry("pb", 1L << 50), Map.entry("pw", 4L << 50),
      Map.entry("eb", 1L << 60), Map.entry("ew", 4L << 60));

  private Units() {}

  /** Seconds of a {@code [[hh:]mm:]ss[.fraction]} time. */
  static long seconds(String text) throws BadValueException {
    Matcher time = TIME.matcher(text.strip());
    if (!time.matches()) {
      throw new BadValueException(quote(text) + " is not a time (expected " + TIME_FORMAT + ")");
    }
    BigDecimal seconds = new BigDecimal(time.group(3) + (time.group(4) == null ? "" : "." + time.group(4)))
        .setScale(0, RoundingMode.HALF_UP);
    if (time.group(2) != null) {
      seconds = seconds.add(new BigDecimal(time.group(2)).multiply(BigDecimal.valueOf(60)));
    }
    if (time.group(1) != null) {
      seconds = seconds.add(new BigDecimal(time.group(1)).multiply(BigDecimal.valueOf(3600)));
    }
    if (seconds.compareTo(LONG_MAX) > 0) {
      throw new BadValueException(quote(text) + " is too long a time");
    }
    return seconds.longValueExact();
  }

  /**
   * Bytes of a size; a number without a unit counts in {@code defaultUnit} bytes. Fractions of a
   * byte are rounded up.
   */
  static long bytes(String text, long defaultUnit) throws BadValueException {
    Matcher size = SIZE.matcher(text.strip());
    Long unit = null;
    if (size.matches()) {
      String name = size.group(2).toLowerCase(Locale.ROOT);
      unit = name.isEmpty() ? Long.valueOf(defaultUnit) : UNITS.get(name);
    }
    if (unit == null) {
      throw new BadValueException(quote(text) + " is not a size (expected a number with an optional unit "
          + SIZE_UNITS + ")");
    }
    BigDecimal bytes = new BigDecimal(size.group(1)).multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.CEILING);
    if (bytes.compareTo(LONG_MAX) > 0) {
      throw new BadValueException(quote(text) + " is too large a size (at most 8 eb)");
    }
    return bytes.longValueExact();
  }

  /** {@code bytes} in units of {@code unit} bytes, rounded up. */
  static long roundUp(long bytes, long unit) {
    return bytes / unit + (bytes % unit == 0 ? 0 : 1);
  }

  /** A positive int, for counts such as node or tasks_per_node. */
  static int positiveInt(String text) throws BadValueException {
    String stripped = text.strip();
    if (stripped.matches("\\d{1,9}")) {
      int value = Integer.parseInt(stripped);
      if (value >= 1) {
        return value;
      }
    }
    throw new BadValueException(quote(text) + " is not a positive integer");
  }

  /** {@code text} in double quotes, shortened when long, so that messages stay one readable line. */
  static String quote(String text) {
    String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
    return "\"" + shown + "\"";
  }
}
