package org.openll.starter;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Ends a step's processes: SIGTERM to every member, then, after the grace, SIGKILL until the
 * container is empty. Members started during the grace get the SIGKILL too.
 */
final class StepTerminator {
  /** How long SIGKILL is repeated before giving up on processes stuck in the kernel. */
  static final long KILL_TIMEOUT_MILLIS = 5000;

  private final Containment containment;

  StepTerminator(Containment containment) {
    this.containment = containment;
  }

  /** Returns once the step is empty, or after grace plus {@link #KILL_TIMEOUT_MILLIS}. */
  void terminate(Duration grace) throws InterruptedException {
    Set<Long> pids = containment.pids();
    pids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroy));
    long deadline = System.nanoTime() + grace.toNanos();
    while (!containment.pids().isEmpty() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20); // no event to block on for non-children
    }
    kill();
  }

  /** SIGKILL until the step is empty. */
  void kill() throws InterruptedException {
    if (!containment.killAll(KILL_TIMEOUT_MILLIS)) {
      System.err.println("starter: processes survive SIGKILL: " + containment.pids());
    }
  }
}
