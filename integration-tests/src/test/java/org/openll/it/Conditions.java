package org.openll.it;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits on a condition with a deadline instead of sleeping a fixed time. */
final class Conditions {
  private static final long POLL_MILLIS = 50;

  private Conditions() {}

  static void await(String what, Duration deadline, Supplier<Boolean> condition) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + deadline + " waiting for " + what);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
