package org.openll.common.grpc;

import java.time.Clock;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled at {@code perSecond} tokens a second;
 * each permitted call takes one. A full bucket lets {@code burst} calls through at once, after
 * which calls pass at {@code perSecond}. Time is read from the injected clock only. Thread-safe.
 */
final class TokenBucket {
  private final RateLimit limit;
  private final Clock clock;
  private double tokens;
  private long lastRefillNanos;

  TokenBucket(RateLimit limit, Clock clock) {
    this.limit = limit;
    this.clock = clock;
    this.tokens = limit.burst();
    this.lastRefillNanos = nowNanos();
  }

  /** Takes one token if there is one; false when the caller is over its rate. */
  synchronized boolean tryTake() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** True when the bucket is full again: its owner has been idle long enough to forget. */
  synchronized boolean isFull() {
    refill();
    return tokens >= limit.burst();
  }

  private void refill() {
    long now = nowNanos();
    long elapsed = now - lastRefillNanos;
    if (elapsed > 0) {
      tokens = Math.min(limit.burst(), tokens + elapsed * limit.perSecond() / 1e9);
      lastRefillNanos = now;
    }
  }

  private long nowNanos() {
    var instant = clock.instant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
