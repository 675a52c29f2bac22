package org.openll.schedd.queue;

import io.grpc.Status;
import java.util.Set;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.StepStatus;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.config.SchedulingConfig.RejectAction;
import org.openll.common.state.Actor;
import org.openll.common.state.StepState;

/**
 * Where a Rejected step goes: its {@code reject_count} goes up by one; below {@code MAX_JOB_REJECT}
 * (or with {@code -1}, never) it goes back to Idle; at it, {@code ACTION_ON_MAX_REJECT} applies:
 * HOLD puts a user hold, SYSHOLD a system hold, CANCEL removes the step (Removed, the reason in its
 * history and result). Pure apart from the clock of its transitioner.
 *
 * <p>Only a refusal that is about the step counts. A start the machine could not take at that moment
 * ({@link #MACHINE_BUSY}: its claim secret changed because the startd restarted, its resources were
 * taken in a race, it is draining) and a start the schedd's own restart interrupted go back to Idle
 * through {@link #retry} without counting: with LoadLeveler's {@code MAX_JOB_REJECT = 0} they would
 * otherwise hold a step for something its owner cannot change.
 */
final class RejectPolicy {
  /** StartStep refusals that say the machine could not take a step now, not that the step is wrong. */
  static final Set<Status.Code> MACHINE_BUSY =
      Set.of(Status.Code.PERMISSION_DENIED, Status.Code.RESOURCE_EXHAUSTED, Status.Code.FAILED_PRECONDITION);

  private final StepTransitioner transitions;

  RejectPolicy(StepTransitioner transitions) {
    this.transitions = transitions;
  }

  /** {@code rejected} (state Rejected) back to Idle, its {@code reject_count} unchanged. */
  StepStatus retry(StepStatus rejected) {
    StepStatus cleared = rejected.toBuilder().clearMachine().clearDispatchTime().clearAllocatedHosts().build();
    return transitions.move(cleared, StepState.IDLE, Actor.SCHEDD, "requeued: the machine could not take it now");
  }

  /** {@code rejected} (state Rejected) moved on, machine and allocation cleared. */
  StepStatus next(StepStatus rejected, SchedulingConfig config) {
    int count = rejected.getRejectCount() + 1;
    StepStatus cleared = rejected.toBuilder().setRejectCount(count).clearMachine().clearDispatchTime()
        .clearAllocatedHosts().build();
    int max = config.maxJobReject();
    if (max < 0 || count < max) {
      return transitions.move(cleared, StepState.IDLE, Actor.SCHEDD, "requeued after rejection " + count);
    }
    String why = "rejected " + count + " times, MAX_JOB_REJECT = " + max;
    RejectAction action = config.actionOnMaxReject();
    return switch (action) {
      case HOLD -> transitions.move(cleared, StepState.HOLD, Actor.SCHEDD, "user hold: " + why)
          .toBuilder().setHoldType(HoldType.HOLD_TYPE_USER).build();
      case SYSHOLD -> transitions.move(cleared, StepState.HOLD, Actor.SCHEDD, "system hold: " + why)
          .toBuilder().setHoldType(HoldType.HOLD_TYPE_SYSTEM).build();
      case CANCEL -> {
        StepStatus removed = transitions.move(cleared, StepState.REMOVED, Actor.SCHEDD, "cancelled: " + why);
        yield removed.toBuilder().setCompletionTime(transitions.now())
            .setResult(org.openll.api.v1.StepResult.newBuilder().setLaunched(false).setMessage("cancelled: " + why))
            .build();
      }
    };
  }
}
