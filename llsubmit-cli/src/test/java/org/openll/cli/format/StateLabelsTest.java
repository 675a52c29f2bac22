package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepStatus;

class StateLabelsTest {
  static StepStatus held(HoldType type) {
    return StepStatus.newBuilder().setState(StepState.STEP_STATE_HOLD).setHoldType(type).build();
  }

  @Test
  void heldStep_holdTypeReplacesState() {
    assertEquals("H", StateLabels.abbreviation(held(HoldType.HOLD_TYPE_USER)));
    assertEquals("S", StateLabels.abbreviation(held(HoldType.HOLD_TYPE_SYSTEM)));
    assertEquals("HS", StateLabels.abbreviation(held(HoldType.HOLD_TYPE_USERSYS)));
    assertEquals("User Hold", StateLabels.longName(held(HoldType.HOLD_TYPE_USER)));
    assertEquals("System Hold", StateLabels.longName(held(HoldType.HOLD_TYPE_SYSTEM)));
    assertEquals("User & System Hold", StateLabels.longName(held(HoldType.HOLD_TYPE_USERSYS)));
  }

  @Test
  void otherStates_ownAbbreviation() {
    StepStatus deferred = StepStatus.newBuilder().setState(StepState.STEP_STATE_DEFERRED).build();
    assertEquals("D", StateLabels.abbreviation(deferred));
    assertEquals("Not Queued", StateLabels.longName(StepStatus.newBuilder().setState(StepState.STEP_STATE_NOT_QUEUED).build()));
  }
}
