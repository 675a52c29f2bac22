package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DateRangeTest {
  private static Timestamp at(String instant) {
    return Timestamp.newBuilder().setSeconds(Instant.parse(instant).getEpochSecond()).build();
  }

  @Test
  void parse_datesOnly_fromStartOfFirstDayToEndOfLastDay() {
    DateRange range = DateRange.parse("07/01/2007-07/31/2007", ZoneOffset.UTC);

    assertEquals(Instant.parse("2007-07-01T00:00:00Z"), range.from());
    assertEquals(Instant.parse("2007-08-01T00:00:00Z"), range.until());
    assertTrue(range.contains(at("2007-07-31T23:59:59Z")));
    assertFalse(range.contains(at("2007-08-01T00:00:00Z")));
    assertFalse(range.contains(at("2007-06-30T23:59:59Z")));
  }

  @Test
  void parse_withTimes_endIsInclusiveToTheMinute() {
    DateRange range = DateRange.parse("07/24/2007 08:00-07/24/2007 18:30", ZoneOffset.UTC);

    assertEquals(Instant.parse("2007-07-24T08:00:00Z"), range.from());
    assertEquals(Instant.parse("2007-07-24T18:31:00Z"), range.until());
  }

  @Test
  void parse_secondsAndTwoDigitYearAndSpaces_accepted() {
    DateRange range = DateRange.parse(" 7/24/07 8:00:05 - 7/24/07 8:00:10 ", ZoneOffset.UTC);

    assertEquals(Instant.parse("2007-07-24T08:00:05Z"), range.from());
    assertEquals(Instant.parse("2007-07-24T08:00:11Z"), range.until());
  }

  @Test
  void parse_inTheUsersZone() {
    DateRange range = DateRange.parse("07/24/2007-07/24/2007", ZoneId.of("Europe/Berlin"));

    assertEquals(Instant.parse("2007-07-23T22:00:00Z"), range.from());
  }

  @Test
  void contains_unsetTime_false() {
    assertFalse(DateRange.parse("01/01/1970-12/31/2100", ZoneOffset.UTC).contains(Timestamp.getDefaultInstance()));
  }

  @Test
  void parse_badInput_messageNamesThePart() {
    assertEquals("bad date range \"07/24/2007\": expected MM/DD/YYYY[ HH:MM]-MM/DD/YYYY[ HH:MM]",
        assertThrows(IllegalArgumentException.class, () -> DateRange.parse("07/24/2007", ZoneOffset.UTC))
            .getMessage());
    assertEquals("bad date range \"02/30/2007-03/01/2007\": \"02/30/2007\" is no date",
        assertThrows(IllegalArgumentException.class, () -> DateRange.parse("02/30/2007-03/01/2007", ZoneOffset.UTC))
            .getMessage());
    assertEquals("bad date range \"2007-07-24\": expected MM/DD/YYYY[ HH:MM]-MM/DD/YYYY[ HH:MM]",
        assertThrows(IllegalArgumentException.class, () -> DateRange.parse("2007-07-24", ZoneOffset.UTC))
            .getMessage());
    assertEquals("bad date range \"07/24/2007 25:00-07/25/2007\": \"07/24/2007 25:00\" is no date",
        assertThrows(IllegalArgumentException.class,
            () -> DateRange.parse("07/24/2007 25:00-07/25/2007", ZoneOffset.UTC)).getMessage());
    assertEquals("bad date range \"07/25/2007-07/24/2007\": it ends before it starts",
        assertThrows(IllegalArgumentException.class, () -> DateRange.parse("07/25/2007-07/24/2007", ZoneOffset.UTC))
            .getMessage());
    assertEquals("bad date range \"7/24-7/25\": \"7/24\" is not MM/DD/YYYY[ HH:MM]",
        assertThrows(IllegalArgumentException.class, () -> DateRange.parse("7/24-7/25", ZoneOffset.UTC))
            .getMessage());
  }
}
