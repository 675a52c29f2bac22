package org.openll.schedd.queue;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.openll.api.v1.StateChange;
import org.openll.api.v1.StepStatus;
import org.openll.common.state.Actor;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;
import org.openll.common.state.StepTransitions;

/**
 * Moves a step's status to a new state through the one transition table and appends the change
 * to its history (the place where history compaction will hook in). Pure apart from reading the
 * clock; thread-safe.
 */
final class StepTransitioner {
  private final Clock clock;

  StepTransitioner(Clock clock) {
    this.clock = clock;
  }

  /**
   * {@code status} in state {@code to}, with a history entry stamped now. Throws
   * {@link org.openll.common.state.IllegalTransitionException} when the table forbids it.
   */
  StepStatus move(StepStatus status, StepState to, Actor actor, String message) {
    StepState from = StepStateProtos.fromProto(status.getState());
    StepTransitions.check(from, to, actor);
    return status.toBuilder()
        .setState(StepStateProtos.toProto(to))
        .addHistory(change(to, message))
        .build();
  }

  /** The history entry for entering {@code state} now. */
  StateChange change(StepState state, String message) {
    return StateChange.newBuilder().setState(StepStateProtos.toProto(state)).setTime(now()).setMessage(message).build();
  }

  Timestamp now() {
    return timestamp(clock.instant());
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
