package org.openll.cli.format;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range of dates as llsummary's {@code -s} and {@code -e} take it, LoadLeveler's form
 * {@code MM/DD/YYYY[ HH:MM[:SS]]-MM/DD/YYYY[ HH:MM[:SS]]} (two-digit years mean 20YY), in the
 * user's time zone. Both ends are inclusive: an end without a time of day lasts to the end of that
 * day, one with a time to the end of that minute (or second).
 *
 * @param from the first instant in the range
 * @param until the first instant after the range
 */
public record DateRange(Instant from, Instant until) {
  private static final Pattern END =
      Pattern.compile("\\s*(\\d{1,2}/\\d{1,2}/(?:\\d{4}|\\d{2}))(?:\\s+(\\d{1,2}:\\d{2}(?::\\d{2})?))?\\s*");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M/d/uuuu", Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss]", Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT);

  /** Parses {@code text}; throws IllegalArgumentException with a message naming what is wrong. */
  public static DateRange parse(String text, ZoneId zone) {
    int dash = text.indexOf('-');
    if (dash < 0 || text.indexOf('-', dash + 1) >= 0) {
      throw new IllegalArgumentException("bad date range \"" + text
          + "\": expected MM/DD/YYYY[ HH:MM]-MM/DD/YYYY[ HH:MM]");
    }
    Instant from = end(text, text.substring(0, dash), zone, false);
    Instant until = end(text, text.substring(dash + 1), zone, true);
    if (!from.isBefore(until)) {
      throw new IllegalArgumentException("bad date range \"" + text + "\": it ends before it starts");
    }
    return new DateRange(from, until);
  }

  /** True when {@code time} is set and falls in the range. */
  public boolean contains(Timestamp time) {
    if (time.getSeconds() == 0 && time.getNanos() == 0) {
      return false;
    }
    Instant instant = Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
    return !instant.isBefore(from) && instant.isBefore(until);
  }

  private static Instant end(String range, String text, ZoneId zone, boolean last) {
    Matcher m = END.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("bad date range \"" + range + "\": \"" + text.strip()
          + "\" is not MM/DD/YYYY[ HH:MM]");
    }
    try {
      String date = m.group(1);
      if (date.length() - date.lastIndexOf('/') == 3) {
        date = date.substring(0, date.lastIndexOf('/') + 1) + "20" + date.substring(date.lastIndexOf('/') + 1);
      }
      LocalDate day = LocalDate.parse(date, DATE);
      if (m.group(2) == null) {
        return (last ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      }
      String timeText = m.group(2);
      LocalTime time = LocalTime.parse(timeText, TIME);
      Instant start = day.atTime(time).atZone(zone).toInstant();
      if (!last) {
        return start;
      }
      return start.plusSeconds(timeText.length() > 5 ? 1 : 60);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("bad date range \"" + range + "\": \"" + text.strip() + "\" is no date");
    }
  }
}
