package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.StepStatus;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;

class PriorityChangesTest {
  static StepStatus step(StepState state, int priority) {
    return StepStatus.newBuilder().setState(StepStateProtos.toProto(state))
        .setSpec(JobQueueTest.step("a").setUserPriority(priority)).build();
  }

  @Test
  void change_absoluteAndAdjustment_clampedTo0To100() {
    assertEquals(70, PriorityChanges.change(step(StepState.IDLE, 50), OptionalInt.of(70), 0).getSpec().getUserPriority());
    assertEquals(100, PriorityChanges.change(step(StepState.HOLD, 50), OptionalInt.empty(), 80).getSpec().getUserPriority());
    assertEquals(0, PriorityChanges.change(step(StepState.DEFERRED, 50), OptionalInt.of(-5), 0).getSpec().getUserPriority());
  }

  @Test
  void change_dispatchedOrUnchanged_null() {
    assertNull(PriorityChanges.change(step(StepState.RUNNING, 50), OptionalInt.of(70), 0));
    assertNull(PriorityChanges.change(step(StepState.IDLE, 100), OptionalInt.empty(), 5));
  }
}
