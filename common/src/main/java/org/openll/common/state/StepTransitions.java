package org.openll.common.state;

import static org.openll.common.state.Actor.NEGOTIATOR;
import static org.openll.common.state.Actor.SCHEDD;
import static org.openll.common.state.Actor.STARTD;
import static org.openll.common.state.StepState.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of legal step transitions and who may make them. Every daemon and command
 * checks transitions here. Read it top to bottom: normal path first, then the side paths of
 * LoadLeveler (reject, remove, vacate, hold, preempt).
 *
 * <p>Immutable and thread-safe.
 */
public final class StepTransitions {
  private static final Map<StepState, Map<StepState, Set<Actor>>> TABLE = new EnumMap<>(StepState.class);

  static {
    // normal path: Idle -> Pending -> Starting -> Running -> Complete Pending -> Completed
    allow(UNEXPANDED, IDLE, SCHEDD);
    allow(IDLE, PENDING, SCHEDD, NEGOTIATOR);
    allow(PENDING, STARTING, SCHEDD);
    // a short step's Running report may overtake the schedd's own Starting
    allow(PENDING, RUNNING, STARTD);
    allow(STARTING, RUNNING, STARTD);
    allow(PENDING, COMPLETE_PENDING, STARTD);
    allow(STARTING, COMPLETE_PENDING, STARTD);
    allow(RUNNING, COMPLETE_PENDING, STARTD);
    allow(PENDING, COMPLETED, STARTD);
    allow(STARTING, COMPLETED, STARTD);
    allow(RUNNING, COMPLETED, STARTD);
    allow(COMPLETE_PENDING, COMPLETED, STARTD);

    // the startd refuses or cannot start the step: back to Idle through Rejected
    allow(PENDING, REJECT_PENDING, SCHEDD, STARTD);
    allow(STARTING, REJECT_PENDING, SCHEDD, STARTD);
    allow(PENDING, REJECTED, SCHEDD, STARTD);
    allow(STARTING, REJECTED, SCHEDD, STARTD);
    allow(REJECT_PENDING, REJECTED, SCHEDD, STARTD);
    allow(REJECTED, IDLE, SCHEDD);
    allow(REJECTED, HOLD, SCHEDD);
    allow(REJECTED, REMOVED, SCHEDD);

    // llcancel: waiting steps go at once, dispatched ones once their process tree is gone
    for (StepState waiting : EnumSet.of(IDLE, HOLD, DEFERRED, NOT_QUEUED, UNEXPANDED, VACATED)) {
      allow(waiting, REMOVED, SCHEDD);
    }
    allow(PENDING, REMOVED, SCHEDD);
    for (StepState dispatched : EnumSet.of(STARTING, RUNNING, COMPLETE_PENDING, PREEMPTED,
        PREEMPT_PENDING, RESUME_PENDING, VACATE_PENDING)) {
      allow(dispatched, REMOVE_PENDING, SCHEDD);
    }
    allow(PENDING, REMOVE_PENDING, SCHEDD);
    allow(REMOVE_PENDING, REMOVED, SCHEDD, STARTD);

    // machine loss, flush or vacate: requeued (restart = yes) or cancelled (restart = no)
    for (StepState dispatched : EnumSet.of(PENDING, STARTING, RUNNING, COMPLETE_PENDING,
        PREEMPT_PENDING, PREEMPTED, RESUME_PENDING)) {
      allow(dispatched, VACATE_PENDING, SCHEDD, NEGOTIATOR);
    }
    allow(VACATE_PENDING, VACATED, SCHEDD, STARTD);
    allow(VACATED, IDLE, SCHEDD);
    allow(VACATED, CANCELED, SCHEDD);

    // holds, startdate and scheduling limits
    for (StepState waiting : EnumSet.of(IDLE, DEFERRED, NOT_QUEUED)) {
      allow(waiting, HOLD, SCHEDD);
    }
    allow(HOLD, IDLE, SCHEDD);
    allow(IDLE, DEFERRED, SCHEDD, NEGOTIATOR);
    allow(DEFERRED, IDLE, SCHEDD, NEGOTIATOR);
    allow(IDLE, NOT_QUEUED, SCHEDD, NEGOTIATOR);
    allow(NOT_QUEUED, IDLE, SCHEDD, NEGOTIATOR);
    allow(NOT_QUEUED, NOT_RUN, SCHEDD);
    allow(IDLE, NOT_RUN, SCHEDD);

    // preemption by suspend
    allow(RUNNING, PREEMPT_PENDING, SCHEDD, NEGOTIATOR);
    allow(PREEMPT_PENDING, PREEMPTED, STARTD);
    allow(PREEMPTED, RESUME_PENDING, SCHEDD, NEGOTIATOR);
    allow(RESUME_PENDING, RUNNING, STARTD);
    // the command may end while a suspend is in flight
    allow(PREEMPT_PENDING, COMPLETE_PENDING, STARTD);
    allow(PREEMPT_PENDING, COMPLETED, STARTD);

    // a step that ends outside openll's control
    for (StepState dispatched : EnumSet.of(STARTING, RUNNING, COMPLETE_PENDING, PREEMPTED,
        PREEMPT_PENDING, RESUME_PENDING)) {
      allow(dispatched, TERMINATED, STARTD, SCHEDD);
    }
    allow(PENDING, TERMINATED, STARTD);

    // refused at submit
    allow(UNEXPANDED, SUBMISSION_ERROR, SCHEDD);
  }

  private StepTransitions() {}

  private static void allow(StepState from, StepState to, Actor... actors) {
    TABLE.computeIfAbsent(from, f -> new EnumMap<>(StepState.class))
        .merge(to, EnumSet.of(actors[0], actors), (a, b) -> {
          EnumSet<Actor> union = EnumSet.copyOf(a);
          union.addAll(b);
          return union;
        });
  }

  /** True when {@code actor} may move a step from {@code from} to {@code to}. */
  public static boolean isLegal(StepState from, StepState to, Actor actor) {
    return TABLE.getOrDefault(from, Map.of()).getOrDefault(to, Set.of()).contains(actor);
  }

  /** Returns {@code to} when legal; throws {@link IllegalTransitionException} otherwise. */
  public static StepState check(StepState from, StepState to, Actor actor) {
    if (!isLegal(from, to, actor)) {
      throw new IllegalTransitionException(from, to, actor);
    }
    return to;
  }

  /** The states {@code from} may lead to, by anyone. */
  public static Set<StepState> successors(StepState from) {
    Map<StepState, Set<Actor>> row = TABLE.get(from);
    return row == null ? EnumSet.noneOf(StepState.class) : EnumSet.copyOf(row.keySet());
  }
}
