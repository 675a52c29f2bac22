package org.openll.schedd.queue;

import java.util.concurrent.atomic.AtomicLongArray;
import org.openll.common.state.StepState;

/**
 * How many steps of the queue are in each state, and how many started running, finished and took
 * a reused claim since the schedd started, maintained by the {@link JobQueue} as it applies each committed change (a
 * few array updates, no allocation). Read by the metrics scrape without the queue's lock: each
 * number is exact on its own, two numbers read together may straddle one change.
 */
public final class StepStateCounts {
  private static final StepState[] STATES = StepState.values();

  private final AtomicLongArray inState = new AtomicLongArray(STATES.length);
  private final AtomicLongArray counters = new AtomicLongArray(3);

  /**
   * Records one step moving from {@code before} (null: not in the queue before, e.g. submitted or
   * loaded) to {@code after}. Terminal steps leave the queue, so they are counted only as finished.
   */
  void moved(StepState before, StepState after) {
    if (before == after) {
      return;
    }
    if (before != null && !before.isTerminal()) {
      inState.decrementAndGet(before.ordinal());
    }
    if (after.isTerminal()) {
      if (before == null || !before.isTerminal()) {
        counters.incrementAndGet(1);
      }
      return;
    }
    inState.incrementAndGet(after.ordinal());
    if (after == StepState.RUNNING) {
      counters.incrementAndGet(0);
    }
  }

  /** Records {@code steps} started on the claims of steps that completed (claim reuse). */
  void claimsReused(int steps) {
    counters.addAndGet(2, steps);
  }

  /** Records a step loaded from the store at recovery: in the queue, not a new start. */
  void loaded(StepState state) {
    if (!state.isTerminal()) {
      inState.incrementAndGet(state.ordinal());
    }
  }

  /** Steps in {@code state} now; 0 for a terminal state. */
  public long inState(StepState state) {
    return inState.get(state.ordinal());
  }

  /** Times a step entered Running since the schedd started (a requeued step counts again). */
  public long started() {
    return counters.get(0);
  }

  /** Steps that reached a terminal state since the schedd started. */
  public long finished() {
    return counters.get(1);
  }

  /** Steps started on the claim of a step that completed, without a permit, since the schedd started. */
  public long claimsReused() {
    return counters.get(2);
  }
}
