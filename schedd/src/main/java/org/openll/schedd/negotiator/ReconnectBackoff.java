package org.openll.schedd.negotiator;

import java.time.Duration;

/** Exponential backoff between connection attempts: {@code initial}, doubling up to {@code max}. Not thread-safe. */
final class ReconnectBackoff {
  private final Duration initial;
  private final Duration max;
  private Duration next;

  ReconnectBackoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max.compareTo(initial) < 0 ? initial : max;
    this.next = initial;
  }

  /** The delay before the next attempt; the one after is twice as long, up to the maximum. */
  Duration nextDelay() {
    Duration delay = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return delay;
  }

  /** Back to the initial delay, after a session came up. */
  void reset() {
    next = initial;
  }

  Duration max() {
    return max;
  }
}
