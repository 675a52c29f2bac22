package org.openll.cli.format;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as LoadLeveler's commands print them, in the user's time zone. */
public final class LlDates {
  private static final DateTimeFormatter LONG =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.US);

  private final ZoneId zone;

  public LlDates(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * {@code llq}'s Submitted column: {@code %2d/%-2d %02d:%02d} (month/day hour:minute), written by
   * hand: {@code String.format} was the largest part of the command's CPU over a million lines.
   */
  public String submitted(Timestamp time) {
    ZonedDateTime t = toZoned(time);
    int month = t.getMonthValue();
    int day = t.getDayOfMonth();
    StringBuilder column = new StringBuilder(11);
    column.append(month < 10 ? " " : "").append(month).append('/').append(day).append(day < 10 ? "  " : " ");
    return twoDigits(twoDigits(column, t.getHour()).append(':'), t.getMinute()).toString();
  }

  private static StringBuilder twoDigits(StringBuilder to, int value) {
    return to.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /** {@code llq -l}'s dates ({@code Tue Jul 24 10:19:37 UTC 2007}); empty when {@code time} is unset. */
  public String longDate(Timestamp time) {
    if (time == null || (time.getSeconds() == 0 && time.getNanos() == 0)) {
      return "";
    }
    return LONG.format(toZoned(time));
  }

  private ZonedDateTime toZoned(Timestamp time) {
    return Instant.ofEpochSecond(time.getSeconds(), time.getNanos()).atZone(zone);
  }
}
