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

  /** {@code llq}'s Submitted column: {@code %2d/%-2d %02d:%02d} (month/day hour:minute). */
  public String submitted(Timestamp time) {
    ZonedDateTime t = toZoned(time);
    return String.format(Locale.ROOT, "%2d/%-2d %02d:%02d", t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute());
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
