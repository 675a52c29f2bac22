package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.Exclusion;
import org.openll.api.v1.ExclusionReason;
import org.openll.api.v1.ExplainStepsResponse;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.StepExplanation;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepStatus;
import org.openll.cli.StepFixtures;

class StepEvaluationTest {
  private final StepEvaluation evaluation = new StepEvaluation(new LlDates(ZoneId.of("UTC")));
  private final StepStatus idle = StepFixtures.idle(7, 0, "alice");
  private final ExplainStepsResponse backfill = ExplainStepsResponse.newBuilder()
      .setConsideredAt(StepFixtures.at("2007-07-24T11:59:00Z")).setSchedulerType("BACKFILL").build();

  @Test
  void format_idleTopDog_printsLoadLevelersBlockThenOpenllsReasons() {
    StepExplanation explanation = StepExplanation.newBuilder()
        .setStepId(idle.getStepId()).setKnown(true).setJobClass("No_Class")
        .setClassSlotsTotal(8).setClassSlotsFree(2).setSlotsRequired(4)
        .setTopDog(true).setWillStartBy(StepFixtures.at("2007-07-24T13:00:00Z"))
        .setSummary("not enough free CPUs on 3 machines")
        .addExclusions(Exclusion.newBuilder().setReason(ExclusionReason.EXCLUSION_CPUS).setMachines(3)
            .setDetail("3 machines have fewer than 4 free CPUs"))
        .addExclusions(Exclusion.newBuilder().setReason(ExclusionReason.EXCLUSION_MACHINE_DOWN).setMachines(1))
        .addExclusions(Exclusion.newBuilder().setReason(ExclusionReason.EXCLUSION_USER_LIMIT)
            .setDetail("user alice runs 2 steps, maxjobs = 2"))
        .setSysprio(-1200).setQueuePosition(1)
        .build();

    assertEquals("==================== EVALUATIONS FOR JOB STEP meso-d.example.com.7.0 ====================\n"
        + "The class of this job step is \"No_Class\".\n"
        + "Total number of available initiators of this class on all machines in the cluster: 2\n"
        + "Minimum number of initiators of this class required by job step: 4\n"
        + "The number of available initiators of this class is not sufficient for this job step.\n"
        + "Not enough resources to start now.\n"
        + "This step is top-dog.\n"
        + "Considered at: Tue Jul 24 11:59:00 UTC 2007\n"
        + "Will start by: Tue Jul 24 13:00:00 UTC 2007\n"
        + "Deciding reason: not enough free CPUs on 3 machines\n"
        + "3 machines have fewer than 4 free CPUs\n"
        + "1 machine: machine down\n"
        + "user alice runs 2 steps, maxjobs = 2\n"
        + "Position in the queue: 1 (SYSPRIO -1200)\n",
        evaluation.format(idle, explanation, backfill));
  }

  @Test
  void format_idleNotTopDogUnderBackfill_saysNotEnoughAsBackfill() {
    StepExplanation explanation = StepExplanation.newBuilder().setKnown(true)
        .setClassSlotsFree(4).setSlotsRequired(1).build();

    assertEquals("==================== EVALUATIONS FOR JOB STEP meso-d.example.com.7.0 ====================\n"
        + "The class of this job step is \"No_Class\".\n"
        + "Total number of available initiators of this class on all machines in the cluster: 4\n"
        + "Minimum number of initiators of this class required by job step: 1\n"
        + "Not enough resources to start now.\n"
        + "Not enough resources for this step as backfill.\n"
        + "Considered at: Tue Jul 24 11:59:00 UTC 2007\n",
        evaluation.format(idle, explanation, backfill));
  }

  @Test
  void format_idleUnknownToNegotiator_saysNextCycle() {
    assertEquals("==================== EVALUATIONS FOR JOB STEP meso-d.example.com.7.0 ====================\n"
        + "The class of this job step is \"No_Class\".\n"
        + "The negotiator has not considered this step yet; its last cycle ran at Tue Jul 24 11:59:00 UTC 2007:"
        + " it is considered at the next cycle.\n",
        evaluation.format(idle, StepExplanation.getDefaultInstance(), backfill));
  }

  @Test
  void format_userHold_saysWhichHold() {
    StepStatus held = idle.toBuilder().setState(StepState.STEP_STATE_HOLD).setHoldType(HoldType.HOLD_TYPE_USER).build();

    assertEquals("This step is in User Hold: it is not considered until its owner releases it (llhold -r).",
        lastLine(evaluation.format(held, StepExplanation.getDefaultInstance(), backfill)));
  }

  @Test
  void format_deferredNotQueuedRunning_sayWhy() {
    StepStatus deferred = idle.toBuilder().setState(StepState.STEP_STATE_DEFERRED)
        .setSpec(idle.getSpec().toBuilder().setStartdate(StepFixtures.at("2007-07-25T08:00:00Z"))).build();
    StepStatus waiting = idle.toBuilder().setState(StepState.STEP_STATE_NOT_QUEUED)
        .setSpec(idle.getSpec().toBuilder().setDependency("step1 == 0")).build();
    StepStatus limited = idle.toBuilder().setState(StepState.STEP_STATE_NOT_QUEUED).build();
    StepStatus running = StepFixtures.running(7, 0, "alice", "m1").toBuilder()
        .addAllocatedHosts("m1").addAllocatedHosts("m2").build();
    StepExplanation none = StepExplanation.getDefaultInstance();

    assertEquals("This step is Deferred: its startdate is Wed Jul 25 08:00:00 UTC 2007.",
        lastLine(evaluation.format(deferred, none, backfill)));
    assertEquals("This step is Not Queued: it waits for its dependency (step1 == 0).",
        lastLine(evaluation.format(waiting, none, backfill)));
    assertEquals("This step is Not Queued: its user or group reached a maxidle or maxqueued limit.",
        lastLine(evaluation.format(limited, none, backfill)));
    assertEquals("This step is Running on m1 m2.", lastLine(evaluation.format(running, none, backfill)));
  }

  private static String lastLine(String text) {
    String[] lines = text.split("\n");
    return lines[lines.length - 1];
  }
}
