package org.openll.schedd.queue;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.StepResult;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepStatus;
import org.openll.common.jcf.Dependency;
import org.openll.common.state.Actor;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;
import org.openll.common.state.StepTransitions;

/**
 * Where a step waits before it may be sent to the negotiator, by LoadLeveler's rules, in this
 * order: a hold (Hold, until llhold -r), a startdate ahead (Deferred, until then), a dependency
 * that cannot be decided yet (Not Queued, until the steps it names finish); a false dependency
 * ends the step as Not Run with exit code {@link Dependency#CC_NOTRUN}; otherwise Idle.
 *
 * <p>Every change goes through {@link StepTransitions}; where the table has no direct edge (Hold →
 * Deferred, Deferred → Not Run, ...) the step passes through Idle, which its history shows. Pure
 * apart from reading the clock; thread-safe.
 */
final class StepGate {
  private final StepTransitioner transitions;
  private final Clock clock;

  StepGate(StepTransitioner transitions, Clock clock) {
    this.transitions = transitions;
    this.clock = clock;
  }

  /** A just-submitted Idle step: held when its spec asks for a hold, else as {@link #admit}. */
  StepStatus submitted(StepStatus idle, Function<String, Optional<Integer>> codes) {
    HoldType hold = idle.getSpec().getHold();
    if (hold != HoldType.HOLD_TYPE_NONE) {
      return transitions.move(idle, StepState.HOLD, Actor.SCHEDD, "submitted with " + HoldTypes.describe(hold))
          .toBuilder().setHoldType(hold).build();
    }
    return admit(idle, codes, "submitted");
  }

  /**
   * A waiting step (Idle, Hold without holds left, Deferred, Not Queued) moved to where its
   * startdate and dependency put it now; {@code status} itself when it stays where it is.
   * {@code codes} gives the dependency value of a finished step of the same job ({@link DependencyCodes}).
   */
  StepStatus admit(StepStatus status, Function<String, Optional<Integer>> codes, String message) {
    StepState from = StepStateProtos.fromProto(status.getState());
    Target target = target(status.getSpec(), codes);
    if (from == target.state()) {
      return status;
    }
    StepStatus moved;
    if (StepTransitions.isLegal(from, target.state(), Actor.SCHEDD)) {
      moved = transitions.move(status, target.state(), Actor.SCHEDD,
          target.state() == StepState.IDLE ? message : message + ": " + target.reason());
    } else {
      moved = transitions.move(status, StepState.IDLE, Actor.SCHEDD, message);
      if (target.state() != StepState.IDLE) {
        moved = transitions.move(moved, target.state(), Actor.SCHEDD, target.reason());
      }
    }
    if (target.state() == StepState.NOT_RUN) {
      moved = moved.toBuilder().setCompletionTime(transitions.now())
          .setResult(StepResult.newBuilder().setLaunched(false).setExitCode(Dependency.CC_NOTRUN)
              .setMessage(target.reason()))
          .build();
    }
    return moved;
  }

  /** {@code status} with {@code type} placed; null when the step is not waiting (dispatched or finished). */
  StepStatus hold(StepStatus status, HoldType type, String message) {
    StepState from = StepStateProtos.fromProto(status.getState());
    if (from == StepState.HOLD) {
      HoldType now = HoldTypes.plus(held(status), type);
      return status.toBuilder().setHoldType(now).build();
    }
    if (!StepTransitions.isLegal(from, StepState.HOLD, Actor.SCHEDD)) {
      return null;
    }
    return transitions.move(status, StepState.HOLD, Actor.SCHEDD, HoldTypes.describe(type) + " " + message)
        .toBuilder().setHoldType(type).build();
  }

  /**
   * {@code status} without the hold {@code type}; with no hold left, admitted as by {@link #admit}.
   * Null when the step is not held by {@code type}.
   */
  StepStatus release(StepStatus status, HoldType type, Function<String, Optional<Integer>> codes, String message) {
    if (StepStateProtos.fromProto(status.getState()) != StepState.HOLD || !HoldTypes.overlaps(held(status), type)) {
      return null;
    }
    HoldType left = HoldTypes.minus(held(status), type);
    if (left != HoldType.HOLD_TYPE_NONE) {
      return status.toBuilder().setHoldType(left).build();
    }
    return admit(status.toBuilder().clearHoldType().build(), codes, HoldTypes.describe(type) + " " + message);
  }

  /** The startdate of a Deferred step. */
  Optional<Instant> deferredUntil(StepStatus status) {
    if (StepStateProtos.fromProto(status.getState()) != StepState.DEFERRED || !status.getSpec().hasStartdate()) {
      return Optional.empty();
    }
    return Optional.of(instant(status.getSpec().getStartdate()));
  }

  /** The holds of a held step; a step held before hold types were recorded counts as system-held. */
  static HoldType held(StepStatus status) {
    return status.getHoldType() == HoldType.HOLD_TYPE_NONE ? HoldType.HOLD_TYPE_SYSTEM : status.getHoldType();
  }

  private Target target(StepSpec spec, Function<String, Optional<Integer>> codes) {
    if (spec.hasStartdate() && instant(spec.getStartdate()).isAfter(clock.instant())) {
      return new Target(StepState.DEFERRED, "deferred until startdate " + instant(spec.getStartdate()));
    }
    if (spec.getDependency().isBlank()) {
      return new Target(StepState.IDLE, "");
    }
    Optional<Boolean> value;
    try {
      value = Dependency.parse(spec.getDependency()).evaluate(codes);
    } catch (IllegalArgumentException e) {
      return new Target(StepState.NOT_RUN, "dependency \"" + spec.getDependency() + "\" is invalid: " + e.getMessage());
    }
    if (value.isEmpty()) {
      return new Target(StepState.NOT_QUEUED, "dependency \"" + spec.getDependency() + "\" cannot be decided yet");
    }
    return value.get()
        ? new Target(StepState.IDLE, "")
        : new Target(StepState.NOT_RUN, "dependency \"" + spec.getDependency() + "\" is false");
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private record Target(StepState state, String reason) {}
}
