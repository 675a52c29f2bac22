package org.openll.cli.master;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits on a condition about other processes (a file, a process exit) with a deadline. */
public final class Waits {
  private Waits() {}

  /**
   * Polls {@code condition} every {@code interval} until it holds or {@code timeout} passed.
   * Returns whether it held. Real time: this waits on other processes, not on this one's logic.
   */
  public static boolean until(BooleanSupplier condition, Duration timeout, Duration interval) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(left, interval.toNanos()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return condition.getAsBoolean();
      }
    }
  }
}
