package org.openll.cli.master;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many more times the master may restart one daemon: at most {@code perHour} restarts in any
 * sliding hour. Thread-safe.
 */
public final class RestartBudget {
  private static final Duration WINDOW = Duration.ofHours(1);

  private final Clock clock;
  private final int perHour;
  private final Deque<Instant> restarts = new ArrayDeque<>();

  public RestartBudget(Clock clock, int perHour) {
    this.clock = clock;
    this.perHour = perHour;
  }

  /** Records a restart and returns true when the budget allows one now; false (recording nothing) otherwise. */
  public synchronized boolean tryRestart() {
    Instant now = clock.instant();
    forgetBefore(now.minus(WINDOW));
    if (restarts.size() >= perHour) {
      return false;
    }
    restarts.addLast(now);
    return true;
  }

  /** How many restarts were recorded in the last hour. */
  public synchronized int restartsInLastHour() {
    forgetBefore(clock.instant().minus(WINDOW));
    return restarts.size();
  }

  private void forgetBefore(Instant windowStart) {
    while (!restarts.isEmpty() && !restarts.peekFirst().isAfter(windowStart)) {
      restarts.removeFirst();
    }
  }

  public int perHour() {
    return perHour;
  }
}
