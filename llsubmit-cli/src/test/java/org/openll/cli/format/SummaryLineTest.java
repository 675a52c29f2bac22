package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepStatus;
import org.openll.cli.StepFixtures;

class SummaryLineTest {
  private static StepStatus in(StepState state) {
    return StepFixtures.idle(1, 0, "u").toBuilder().setState(state).build();
  }

  @Test
  void format_everyGroup_countsEachStateInItsGroup() {
    List<StepStatus> steps = List.of(
        in(StepState.STEP_STATE_IDLE), in(StepState.STEP_STATE_DEFERRED), in(StepState.STEP_STATE_NOT_QUEUED),
        in(StepState.STEP_STATE_PENDING), in(StepState.STEP_STATE_STARTING),
        in(StepState.STEP_STATE_RUNNING), in(StepState.STEP_STATE_COMPLETE_PENDING), in(StepState.STEP_STATE_REMOVE_PENDING),
        in(StepState.STEP_STATE_HOLD), in(StepState.STEP_STATE_PREEMPTED), in(StepState.STEP_STATE_COMPLETED));

    assertEquals("11 job step(s) in queue, 3 waiting, 2 pending, 3 running, 1 held, 1 preempted",
        SummaryLine.format(steps, false));
  }

  @Test
  void format_noSteps_printsZeros() {
    assertEquals("0 job step(s) in query, 0 waiting, 0 pending, 0 running, 0 held, 0 preempted",
        SummaryLine.format(List.of(), true));
  }
}
