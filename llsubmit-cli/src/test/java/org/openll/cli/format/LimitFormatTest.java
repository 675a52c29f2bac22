package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openll.api.v1.LimitValue;

class LimitFormatTest {
  static LimitValue amount(long a) {
    return LimitValue.newBuilder().setAmount(a).build();
  }

  @Test
  void time_seconds_hoursMinutesSecondsAndSeconds() {
    assertEquals("00:01:00 (60 seconds)", LimitFormat.time(true, amount(60)));
    assertEquals("72:00:01 (259201 seconds)", LimitFormat.time(true, amount(259_201)));
  }

  @Test
  void size_bytes_largestUnitThreeDecimals() {
    assertEquals("7.764 gb (8336179200 bytes)", LimitFormat.size(true, amount(8_336_179_200L)));
    assertEquals("512.000 b (512 bytes)", LimitFormat.size(true, amount(512)));
    assertEquals("2.000 mb (2097152 bytes)", LimitFormat.size(true, amount(2_097_152)));
  }

  @Test
  void notSetOrUnlimited_saysSo() {
    assertEquals("undefined", LimitFormat.time(false, LimitValue.getDefaultInstance()));
    assertEquals("undefined", LimitFormat.size(true, LimitValue.getDefaultInstance()));
    assertEquals("unlimited", LimitFormat.size(true, LimitValue.newBuilder().setUnlimited(true).build()));
  }
}
