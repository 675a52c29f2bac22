package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.StepStatus;
import org.openll.common.config.SchedulingConfig.RejectAction;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;
import org.openll.common.time.FakeClock;

class RejectPolicyTest {
  final RejectPolicy policy = new RejectPolicy(new StepTransitioner(new FakeClock(Instant.parse("2025-01-01T00:00:00Z"))));

  static StepStatus rejected(int earlier) {
    return StepStatus.newBuilder().setStepId("n.1.0").setState(StepStateProtos.toProto(StepState.REJECTED))
        .setRejectCount(earlier).setMachine("m1").addAllocatedHosts("m1").build();
  }

  static StepState state(StepStatus s) {
    return StepStateProtos.fromProto(s.getState());
  }

  @Test
  void next_belowMax_idleWithCountUpAndMachineCleared() {
    StepStatus out = policy.next(rejected(0), Admin.scheduling(3, RejectAction.HOLD));
    assertEquals(StepState.IDLE, state(out));
    assertEquals(1, out.getRejectCount());
    assertEquals("", out.getMachine());
    assertEquals(0, out.getAllocatedHostsCount());
  }

  @Test
  void next_maxIsMinusOne_neverStops() {
    assertEquals(StepState.IDLE, state(policy.next(rejected(1000), Admin.scheduling(-1, RejectAction.CANCEL))));
  }

  @Test
  void next_atMaxWithHold_userHold() {
    StepStatus out = policy.next(rejected(2), Admin.scheduling(3, RejectAction.HOLD));
    assertEquals(StepState.HOLD, state(out));
    assertEquals(HoldType.HOLD_TYPE_USER, out.getHoldType());
  }

  @Test
  void next_atMaxWithSyshold_systemHold() {
    StepStatus out = policy.next(rejected(2), Admin.scheduling(3, RejectAction.SYSHOLD));
    assertEquals(HoldType.HOLD_TYPE_SYSTEM, out.getHoldType());
  }

  @Test
  void next_atMaxWithCancel_removedWithTheReason() {
    StepStatus out = policy.next(rejected(2), Admin.scheduling(3, RejectAction.CANCEL));
    assertEquals(StepState.REMOVED, state(out));
    assertEquals("cancelled: rejected 3 times, MAX_JOB_REJECT = 3", out.getResult().getMessage());
  }
}
