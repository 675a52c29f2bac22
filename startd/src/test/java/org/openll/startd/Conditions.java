package org.openll.startd;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

final class Conditions {
  private Conditions() {}

  /** Waits until {@code condition} holds, failing after {@code seconds}. */
  static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s: " + what);
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }
}
