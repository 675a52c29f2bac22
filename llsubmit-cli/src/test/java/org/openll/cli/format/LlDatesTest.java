package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LlDatesTest {
  private final LlDates dates = new LlDates(ZoneId.of("Europe/Paris"));

  @Test
  void submitted_padsAsLoadLevelerDoes() {
    assertEquals(" 7/4  09:05", dates.submitted(at("2007-07-04T07:05:00Z")));
    assertEquals("12/31 23:59", dates.submitted(at("2007-12-31T22:59:59Z")));
    assertEquals(" 1/1  00:00", dates.submitted(at("2007-12-31T23:00:00Z")));
  }

  @Test
  void submitted_sameAsTheFormatItStandsFor_everyFewHoursOfAYear() {
    ZoneId zone = ZoneId.of("Europe/Paris");
    for (long second = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        second < Instant.parse("2027-01-01T00:00:00Z").getEpochSecond(); second += 3 * 3600 + 17 * 60) {
      ZonedDateTime t = Instant.ofEpochSecond(second).atZone(zone);
      String expected = String.format(Locale.ROOT, "%2d/%-2d %02d:%02d",
          t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute());
      assertEquals(expected, dates.submitted(Timestamp.newBuilder().setSeconds(second).build()), t.toString());
    }
  }

  private static Timestamp at(String instant) {
    return Timestamp.newBuilder().setSeconds(Instant.parse(instant).getEpochSecond()).build();
  }
}
