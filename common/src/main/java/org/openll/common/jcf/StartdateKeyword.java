package org.openll.common.jcf;

import com.google.protobuf.Timestamp;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code startdate = MM/DD/YYYY HH:mm[:ss]}, a time in llsubmit's time zone. */
final class StartdateKeyword {
  static final String FORMAT = "MM/DD/YYYY HH:mm[:ss]";
  private static final Pattern DATE =
      Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})[ \\t]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");

  private StartdateKeyword() {}

  static Timestamp parse(String value, ZoneId zone) throws BadValueException {
    Matcher date = DATE.matcher(value.strip());
    if (!date.matches()) {
      throw new BadValueException(Units.quote(value) + " is not a date (expected " + FORMAT + ")");
    }
    try {
      LocalDateTime local = LocalDateTime.of(
          Integer.parseInt(date.group(3)), Integer.parseInt(date.group(1)), Integer.parseInt(date.group(2)),
          Integer.parseInt(date.group(4)), Integer.parseInt(date.group(5)),
          date.group(6) == null ? 0 : Integer.parseInt(date.group(6)));
      return Timestamp.newBuilder().setSeconds(local.atZone(zone).toEpochSecond()).build();
    } catch (DateTimeException e) {
      throw new BadValueException(Units.quote(value) + " is not a date: " + e.getMessage());
    }
  }
}
