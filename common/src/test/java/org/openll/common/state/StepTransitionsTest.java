package org.openll.common.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openll.common.state.Actor.NEGOTIATOR;
import static org.openll.common.state.Actor.SCHEDD;
import static org.openll.common.state.Actor.STARTD;
import static org.openll.common.state.StepState.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks every from × to × actor triple of {@link StepTransitions} against expectations written
 * here, row by row, from LoadLeveler's lifecycle (inventory section 1d) rather than copied from
 * the table.
 */
class StepTransitionsTest {
  private record Triple(StepState from, StepState to, Actor actor) {
    @Override
    public String toString() {
      return from + " -> " + to + " by " + actor;
    }
  }

  private static final Set<Triple> EXPECTED = new HashSet<>();

  private static void expect(StepState from, StepState to, Actor... actors) {
    for (Actor actor : actors) {
      EXPECTED.add(new Triple(from, to, actor));
    }
  }

  static {
    // Unexpanded: the schedd accepts (Idle), refuses (Submission Error) or cancels it.
    expect(UNEXPANDED, IDLE, SCHEDD);
    expect(UNEXPANDED, SUBMISSION_ERROR, SCHEDD);
    expect(UNEXPANDED, REMOVED, SCHEDD);

    // Idle: the negotiator's permit (recorded by either side), llcancel, llhold, startdate,
    // scheduling limits, a false dependency.
    expect(IDLE, PENDING, SCHEDD, NEGOTIATOR);
    expect(IDLE, REMOVED, SCHEDD);
    expect(IDLE, HOLD, SCHEDD);
    expect(IDLE, DEFERRED, SCHEDD, NEGOTIATOR);
    expect(IDLE, NOT_QUEUED, SCHEDD, NEGOTIATOR);
    expect(IDLE, NOT_RUN, SCHEDD);

    // Pending: StartStep accepted; the startd's reports may overtake the schedd's Starting;
    // refused by the startd; cancelled before or after StartStep; machine lost.
    expect(PENDING, STARTING, SCHEDD);
    expect(PENDING, RUNNING, STARTD);
    expect(PENDING, COMPLETE_PENDING, STARTD);
    expect(PENDING, COMPLETED, STARTD);
    expect(PENDING, REJECT_PENDING, SCHEDD, STARTD);
    expect(PENDING, REJECTED, SCHEDD, STARTD);
    expect(PENDING, REMOVED, SCHEDD);
    expect(PENDING, REMOVE_PENDING, SCHEDD);
    expect(PENDING, VACATE_PENDING, SCHEDD, NEGOTIATOR);
    expect(PENDING, TERMINATED, STARTD);

    // Starting
    expect(STARTING, RUNNING, STARTD);
    expect(STARTING, COMPLETE_PENDING, STARTD);
    expect(STARTING, COMPLETED, STARTD);
    expect(STARTING, REJECT_PENDING, SCHEDD, STARTD);
    expect(STARTING, REJECTED, SCHEDD, STARTD);
    expect(STARTING, REMOVE_PENDING, SCHEDD);
    expect(STARTING, VACATE_PENDING, SCHEDD, NEGOTIATOR);
    expect(STARTING, TERMINATED, SCHEDD, STARTD);

    // Running: ends, is cancelled, vacated, suspended, or dies outside openll's control.
    expect(RUNNING, COMPLETE_PENDING, STARTD);
    expect(RUNNING, COMPLETED, STARTD);
    expect(RUNNING, REMOVE_PENDING, SCHEDD);
    expect(RUNNING, VACATE_PENDING, SCHEDD, NEGOTIATOR);
    expect(RUNNING, PREEMPT_PENDING, SCHEDD, NEGOTIATOR);
    expect(RUNNING, TERMINATED, SCHEDD, STARTD);

    // Complete Pending
    expect(COMPLETE_PENDING, COMPLETED, STARTD);
    expect(COMPLETE_PENDING, REMOVE_PENDING, SCHEDD);
    expect(COMPLETE_PENDING, VACATE_PENDING, SCHEDD, NEGOTIATOR);
    expect(COMPLETE_PENDING, TERMINATED, SCHEDD, STARTD);

    // Reject Pending -> Rejected -> Idle again, or held / cancelled after MAX_JOB_REJECT.
    expect(REJECT_PENDING, REJECTED, SCHEDD, STARTD);
    expect(REJECTED, IDLE, SCHEDD);
    expect(REJECTED, HOLD, SCHEDD);
    expect(REJECTED, REMOVED, SCHEDD);

    // Remove Pending: the process tree is gone (startd) or the schedd gives up on it.
    expect(REMOVE_PENDING, REMOVED, SCHEDD, STARTD);

    // Vacate Pending -> Vacated -> Idle (restart = yes) or Canceled (restart = no); llcancel.
    expect(VACATE_PENDING, VACATED, SCHEDD, STARTD);
    expect(VACATE_PENDING, REMOVE_PENDING, SCHEDD);
    expect(VACATED, IDLE, SCHEDD);
    expect(VACATED, CANCELED, SCHEDD);
    expect(VACATED, REMOVED, SCHEDD);

    // Waiting states: released, held, cancelled, dependency decided.
    expect(HOLD, IDLE, SCHEDD);
    expect(HOLD, REMOVED, SCHEDD);
    expect(DEFERRED, IDLE, SCHEDD, NEGOTIATOR);
    expect(DEFERRED, HOLD, SCHEDD);
    expect(DEFERRED, REMOVED, SCHEDD);
    expect(NOT_QUEUED, IDLE, SCHEDD, NEGOTIATOR);
    expect(NOT_QUEUED, HOLD, SCHEDD);
    expect(NOT_QUEUED, NOT_RUN, SCHEDD);
    expect(NOT_QUEUED, REMOVED, SCHEDD);

    // Preemption by suspend: Running -> Preempt Pending -> Preempted -> Resume Pending -> Running.
    expect(PREEMPT_PENDING, PREEMPTED, STARTD);
    expect(PREEMPT_PENDING, REMOVE_PENDING, SCHEDD);
    expect(PREEMPTED, RESUME_PENDING, SCHEDD, NEGOTIATOR);
    expect(PREEMPTED, REMOVE_PENDING, SCHEDD);
    expect(PREEMPTED, TERMINATED, SCHEDD, STARTD);
    expect(RESUME_PENDING, RUNNING, STARTD);
    expect(RESUME_PENDING, REMOVE_PENDING, SCHEDD);
    // The command may end, or die, while its suspension is in flight (the same race as
    // Pending -> Completed), and a step dies with its process tree in any dispatched state.
    expect(PREEMPT_PENDING, COMPLETE_PENDING, STARTD);
    expect(PREEMPT_PENDING, COMPLETED, STARTD);
    expect(PREEMPT_PENDING, TERMINATED, SCHEDD, STARTD);
    expect(RESUME_PENDING, TERMINATED, SCHEDD, STARTD);
    // A machine lost while its step is suspended is requeued like any dispatched step (Parasol's rule).
    expect(PREEMPT_PENDING, VACATE_PENDING, SCHEDD, NEGOTIATOR);
    expect(PREEMPTED, VACATE_PENDING, SCHEDD, NEGOTIATOR);
    expect(RESUME_PENDING, VACATE_PENDING, SCHEDD, NEGOTIATOR);

    // Terminal states (Completed, Removed, Canceled, Not Run, Terminated, Submission Error): no row.
  }

  @Test
  void isLegal_everyTriple_matchesExpectations() {
    List<String> mismatches = new ArrayList<>();
    for (StepState from : StepState.values()) {
      for (StepState to : StepState.values()) {
        for (Actor actor : Actor.values()) {
          Triple triple = new Triple(from, to, actor);
          boolean expected = EXPECTED.contains(triple);
          if (StepTransitions.isLegal(from, to, actor) != expected) {
            mismatches.add(triple + (expected ? " should be legal" : " should be illegal"));
          }
        }
      }
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void isLegal_sameState_neverLegal() {
    for (StepState state : StepState.values()) {
      for (Actor actor : Actor.values()) {
        assertFalse(StepTransitions.isLegal(state, state, actor), state + " by " + actor);
      }
    }
  }

  @Test
  void check_legal_returnsTarget() {
    assertSame(PENDING, StepTransitions.check(IDLE, PENDING, NEGOTIATOR));
  }

  @Test
  void check_illegal_throwsNamingTransition() {
    IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
        () -> StepTransitions.check(COMPLETED, RUNNING, STARTD));
    assertEquals(COMPLETED, e.from());
    assertEquals(RUNNING, e.to());
    assertEquals(STARTD, e.actor());
    assertEquals("illegal transition Completed -> Running by STARTD", e.getMessage());
  }

  @Test
  void check_legalPairWrongActor_throws() {
    assertThrows(IllegalTransitionException.class, () -> StepTransitions.check(PENDING, STARTING, STARTD));
  }

  @Test
  void successors_terminalStates_none() {
    for (StepState state : StepState.values()) {
      if (state.isTerminal()) {
        assertEquals(Set.of(), StepTransitions.successors(state), state.name());
      }
    }
  }

  @Test
  void successors_nonTerminalStates_haveAWayOut() {
    for (StepState state : StepState.values()) {
      if (!state.isTerminal()) {
        assertFalse(StepTransitions.successors(state).isEmpty(), state.name());
      }
    }
  }

  @Test
  void successors_fromUnexpanded_reachEveryState() {
    Set<StepState> seen = EnumSet.of(UNEXPANDED);
    Deque<StepState> toVisit = new ArrayDeque<>(seen);
    while (!toVisit.isEmpty()) {
      for (StepState next : StepTransitions.successors(toVisit.pop())) {
        if (seen.add(next)) {
          toVisit.add(next);
        }
      }
    }
    assertEquals(EnumSet.allOf(StepState.class), seen);
  }

  @Test
  void successors_fromEveryNonTerminalState_reachATerminalState() {
    for (StepState start : StepState.values()) {
      Set<StepState> seen = EnumSet.of(start);
      Deque<StepState> toVisit = new ArrayDeque<>(seen);
      while (!toVisit.isEmpty()) {
        for (StepState next : StepTransitions.successors(toVisit.pop())) {
          if (seen.add(next)) {
            toVisit.add(next);
          }
        }
      }
      assertTrue(seen.stream().anyMatch(StepState::isTerminal), start.name());
    }
  }
}
