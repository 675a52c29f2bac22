package org.openll.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in the system's default zone, which it looks up only when asked for: finding
 * the default zone reads the JDK's time-zone database, ~20–30 ms of a command's start, and most
 * commands (llsubmit, llcancel, llhold) print no date.
 */
final class SystemClock extends Clock {
  private ZoneId zone;

  @Override
  public synchronized ZoneId getZone() {
    if (zone == null) {
      zone = ZoneId.systemDefault();
    }
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.system(zone);
  }

  @Override
  public long millis() {
    return System.currentTimeMillis();
  }

  @Override
  public Instant instant() {
    return Instant.now();
  }
}
