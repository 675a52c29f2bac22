package org.openll.schedd.queue;

import java.util.OptionalInt;
import org.openll.api.v1.StepStatus;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;

/**
 * llprio: a new {@code user_priority} for a waiting step (Idle, Hold, Deferred, Not Queued), set
 * or adjusted and clamped to 0..100. Dispatched steps keep theirs: the priority only orders steps
 * that wait. Pure.
 */
final class PriorityChanges {
  static final int MIN = 0;
  static final int MAX = 100;

  private PriorityChanges() {}

  /**
   * {@code status} with its new priority, or null when it does not wait or the priority stays
   * the same. {@code absolute} wins over {@code adjustment} when present.
   */
  static StepStatus change(StepStatus status, OptionalInt absolute, int adjustment) {
    if (!waits(StepStateProtos.fromProto(status.getState()))) {
      return null;
    }
    int now = status.getSpec().getUserPriority();
    long wanted = absolute.isPresent() ? absolute.getAsInt() : (long) now + adjustment;
    int next = (int) Math.max(MIN, Math.min(MAX, wanted));
    if (next == now) {
      return null;
    }
    return status.toBuilder().setSpec(status.getSpec().toBuilder().setUserPriority(next)).build();
  }

  static boolean waits(StepState state) {
    return state == StepState.IDLE || state == StepState.HOLD || state == StepState.DEFERRED
        || state == StepState.NOT_QUEUED;
  }
}
