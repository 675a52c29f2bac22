package org.openll.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void nextDelay_manyDraws_alwaysBetweenHalfTheCeilingAndTheCapped() {
    java.util.Random random = new java.util.Random(42);
    ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(250), Duration.ofSeconds(5), random::nextDouble);
    long ceiling = 250;
    for (int i = 0; i < 50; i++) {
      long delay = backoff.nextDelay().toMillis();
      assertTrue(delay >= ceiling / 2 && delay <= ceiling, "attempt " + i + ": " + delay + " ms, ceiling " + ceiling);
      ceiling = Math.min(ceiling * 2, 5000);
    }
  }

  @Test
  void new_maxBelowInitial_initialIsTheCap() {
    ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0.0);
    backoff.nextDelay();
    assertEquals(Duration.ofSeconds(1), backoff.nextDelay());
    assertEquals(Duration.ofSeconds(2), backoff.max());
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
