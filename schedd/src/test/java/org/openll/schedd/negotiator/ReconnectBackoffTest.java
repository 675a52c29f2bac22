package org.openll.schedd.negotiator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

  @Test
  void nextDelay_noJitter_halfTheDoublingCeilingUpToMax() {
    ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(400), () -> 0.0);
    assertEquals(Duration.ofMillis(50), backoff.nextDelay());
    assertEquals(Duration.ofMillis(100), backoff.nextDelay());
    assertEquals(Duration.ofMillis(200), backoff.nextDelay());
    assertEquals(Duration.ofMillis(200), backoff.nextDelay());
  }

  @Test
  void nextDelay_fullJitter_reachesTheCeiling() {
    ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(400), () -> 0.999999);
    backoff.nextDelay();
    backoff.nextDelay();
    assertEquals(400, backoff.nextDelay().toMillis(), 1);
  }

  @Test
  void reset_afterGrowth_startsAgainFromInitial() {
    ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.5);
    backoff.nextDelay();
    backoff.nextDelay();
    backoff.reset();
    assertEquals(Duration.ofMillis(75), backoff.nextDelay());
  }
}
