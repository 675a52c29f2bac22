package org.openll.common.grpc;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter between connection attempts. The ceiling starts at
 * {@code initial} and doubles up to {@code max}; each delay is drawn uniformly from the upper half
 * of the current ceiling ("equal jitter"), so daemons that lost a peer together (schedds and
 * startds a restarted negotiator, startds a restarted schedd) do not all come back in the same
 * instant, and none waits less than half the ceiling. Used by every daemon stream that reconnects.
 * Not thread-safe.
 */
public final class ReconnectBackoff {
  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;
  private Duration next;

  public ReconnectBackoff(Duration initial, Duration max) {
    this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** @param random values in [0, 1), the jitter's source (fixed in tests) */
  public ReconnectBackoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initial = initial;
    this.max = max.compareTo(initial) < 0 ? initial : max;
    this.random = random;
    this.next = initial;
  }

  /**
   * The delay before the next attempt: between half the current ceiling and the ceiling; the
   * ceiling then doubles, up to the maximum.
   */
  public Duration nextDelay() {
    Duration ceiling = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    long half = ceiling.toNanos() / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling.toNanos() - half)));
  }

  /** Back to the initial delay, after a session came up. */
  public void reset() {
    next = initial;
  }

  public Duration max() {
    return max;
  }
}
