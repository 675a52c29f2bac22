package org.openll.schedd.queue;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.StepStatus;
import org.openll.api.v1.StepUpdate;
import org.openll.common.state.Actor;
import org.openll.common.state.IllegalTransitionException;
import org.openll.common.state.StepState;
import org.openll.schedd.config.AdminInputs;
import org.openll.schedd.store.StoredStep;

/**
 * How a dispatched step ends or comes back: the startd's reports, a lost machine, a rejection.
 * Every change goes through the {@link StepTransitioner}. Pure apart from the clock and the
 * current configuration (MAX_JOB_REJECT); the queue commits what it returns.
 */
final class StepOutcomes {
  private static final Logger LOG = LogManager.getLogger(StepOutcomes.class);

  private final StepTransitioner transitions;
  private final RejectPolicy rejects;
  private final AdminInputs config;

  StepOutcomes(StepTransitioner transitions, RejectPolicy rejects, AdminInputs config) {
    this.transitions = transitions;
    this.rejects = rejects;
    this.config = config;
  }

  /**
   * The step after the startd of {@code machine} reported {@code to}: null when it changes nothing
   * (a repeat, a non-final report while it is removed) or the table forbids it (logged).
   */
  StepStatus update(StoredStep step, StepState to, StepUpdate u, String machine) {
    StepState from = step.state();
    if (from == to) {
      LOG.debug("{} {} repeated by {}; acknowledged", step.stepId(), to.longName(), machine);
      return null;
    }
    String message = u.getMessage().isEmpty() ? "on " + machine : u.getMessage();
    try {
      if (from == StepState.REMOVE_PENDING) {
        if (!to.isTerminal()) {
          LOG.debug("{} is being removed: {} from {} ignored", step.stepId(), to.longName(), machine);
          return null;
        }
        return finish(transitions.move(step.status(), StepState.REMOVED, Actor.STARTD, message), u);
      }
      StepStatus moved = transitions.move(step.status(), to, Actor.STARTD, message);
      if (to == StepState.REJECTED) {
        return requeue(moved);
      }
      return to.isTerminal() ? finish(moved, u) : moved;
    } catch (IllegalTransitionException e) {
      LOG.error("{} from {}: refused {}", step.stepId(), machine, e.getMessage());
      return null;
    }
  }

  /**
   * A step dispatched to a machine that was lost: Vacate Pending, Vacated, then Idle, or Canceled
   * with {@code restart = no}; a Remove Pending one Removed. Null for a step that is not dispatched.
   */
  StepStatus vacated(StoredStep step, String reason) {
    StepState from = step.state();
    if (from == StepState.REMOVE_PENDING) {
      return finish(transitions.move(step.status(), StepState.REMOVED, Actor.SCHEDD, reason), null);
    }
    if (from != StepState.PENDING && from != StepState.STARTING && from != StepState.RUNNING
        && from != StepState.COMPLETE_PENDING) {
      return null;
    }
    StepStatus s = transitions.move(step.status(), StepState.VACATE_PENDING, Actor.SCHEDD, reason);
    s = transitions.move(s, StepState.VACATED, Actor.SCHEDD, reason).toBuilder().clearMachine().clearDispatchTime()
        .clearAllocatedHosts().build();
    if (step.status().getSpec().getNoRestart()) {
      return finish(transitions.move(s, StepState.CANCELED, Actor.SCHEDD, "restart = no: " + reason), null);
    }
    return transitions.move(s, StepState.IDLE, Actor.SCHEDD, "requeued: " + reason);
  }

  /**
   * A step whose permit its startd no longer honours (StartStep answered PERMISSION_DENIED: the
   * startd restarted with a new claim secret, or the permit names another machine): Idle again,
   * the rejection kept in its history but not counted toward MAX_JOB_REJECT, since the step itself
   * was never refused. Without this, with the default MAX_JOB_REJECT = 0, a startd restart between
   * permit and StartStep would hold the step.
   */
  StepStatus permitGone(StepStatus rejected) {
    return transitions.move(rejected.toBuilder().clearMachine().clearDispatchTime().clearAllocatedHosts().build(),
        StepState.IDLE, Actor.SCHEDD, "requeued: the permit is no longer valid on its machine");
  }

  /** A Rejected step back to Idle, or held or removed after MAX_JOB_REJECT rejections ({@link RejectPolicy}). */
  StepStatus requeue(StepStatus rejected) {
    return rejects.next(rejected, config.scheduling());
  }

  /** {@code status} with its completion time and, from a final update, its result. */
  StepStatus finish(StepStatus status, StepUpdate update) {
    StepStatus.Builder b = status.toBuilder().setCompletionTime(transitions.now());
    if (update != null) {
      if (update.hasTime()) {
        b.setCompletionTime(update.getTime());
      }
      if (update.hasResult()) {
        b.setResult(update.getResult());
      }
    }
    return b.build();
  }
}
