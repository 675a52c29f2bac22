package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.StateChange;
import org.openll.api.v1.StepStatus;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.UserStanza;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;
import org.openll.schedd.store.StoredStep;

class IdleLimitsTest {
  static final AdminConfig BOB_MAXIDLE_2 = Admin.config(List.of(),
      List.of(new UserStanza("bob", 0, List.of(), "No_Group", -1, 2, -1, -1, -1, 0)), List.of());

  static StoredStep step(int job, String owner, StepState state, int priority, String lastMessage) {
    StepStatus status = StepStatus.newBuilder().setStepId("n." + job + ".0").setOwner(owner)
        .setState(StepStateProtos.toProto(state)).setQueueTime(Timestamp.newBuilder().setSeconds(1000 + job))
        .setSpec(JobQueueTest.step("a").setUserPriority(priority))
        .addHistory(StateChange.newBuilder().setState(StepStateProtos.toProto(state)).setMessage(lastMessage))
        .build();
    return new StoredStep(job, 0, status);
  }

  @Test
  void plan_beyondMaxidle_latestInQueueOrderDemoted() {
    var plan = IdleLimits.plan(List.of(step(1, "bob", StepState.IDLE, 50, ""), step(2, "bob", StepState.IDLE, 50, ""),
        step(3, "bob", StepState.IDLE, 50, ""), step(4, "alice", StepState.IDLE, 50, "")), BOB_MAXIDLE_2);

    assertEquals(List.of("n.3.0"), plan.demote().stream().map(StoredStep::stepId).toList());
    assertEquals("maxidle = 2 of user bob reached", plan.reasons().get("n.3.0"));
    assertTrue(plan.promote().isEmpty());
  }

  @Test
  void plan_roomAgain_waitingPromotedInPriorityOrder() {
    var plan = IdleLimits.plan(List.of(step(1, "bob", StepState.IDLE, 50, ""),
        step(2, "bob", StepState.NOT_QUEUED, 10, "maxidle = 2 of user bob reached"),
        step(3, "bob", StepState.NOT_QUEUED, 90, "maxidle = 2 of user bob reached")), BOB_MAXIDLE_2);

    assertEquals(List.of("n.3.0"), plan.promote().stream().map(StoredStep::stepId).toList());
    assertTrue(plan.demote().isEmpty());
  }

  @Test
  void plan_dependencyNotQueued_leftAlone() {
    var plan = IdleLimits.plan(List.of(step(1, "bob", StepState.NOT_QUEUED, 50, "dependency cannot be decided")),
        BOB_MAXIDLE_2);
    assertTrue(plan.isEmpty());
  }

  @Test
  void limited_onlyWhenSomeStanzaSetsMaxidle() {
    assertFalse(IdleLimits.limited(AdminConfig.empty()));
    assertTrue(IdleLimits.limited(BOB_MAXIDLE_2));
  }
}
