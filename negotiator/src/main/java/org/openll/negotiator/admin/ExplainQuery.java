package org.openll.negotiator.admin;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.List;
import org.openll.api.v1.ExplainStepsResponse;
import org.openll.api.v1.StepExplanation;
import org.openll.negotiator.cycle.CycleRunner.LastCycle;
import org.openll.negotiator.match.Exclusion;
import org.openll.negotiator.match.StepVerdict;

/**
 * llq -s: the verdicts of the last cycle for the asked steps, in request order. A step the last
 * cycle did not consider is answered with {@code known = false}, never an error.
 */
public final class ExplainQuery {
  private ExplainQuery() {}

  public static ExplainStepsResponse explain(List<String> stepIds, LastCycle last) {
    ExplainStepsResponse.Builder response = ExplainStepsResponse.newBuilder()
        .setSchedulerType(last.policy().config().schedulerType().name());
    last.time().ifPresent(at -> response.setConsideredAt(timestamp(at)));
    for (String id : stepIds) {
      response.addSteps(last.plan().verdict(id)
          .map(ExplainQuery::toExplanation)
          .orElseGet(() -> StepExplanation.newBuilder().setStepId(id).setKnown(false).build()));
    }
    return response.build();
  }

  static StepExplanation toExplanation(StepVerdict v) {
    StepExplanation.Builder e = StepExplanation.newBuilder()
        .setStepId(v.stepId())
        .setKnown(true)
        .setMatched(v.matched())
        .setSummary(v.summary())
        .setJobClass(v.jobClass())
        .setClassSlotsTotal(v.classSlotsTotal())
        .setClassSlotsFree(v.classSlotsFree())
        .setSlotsRequired(v.slotsRequired())
        .setTopDog(v.topDog())
        .setSysprio(v.sysprio())
        .setQueuePosition(v.queuePosition());
    v.startBy().ifPresent(at -> e.setWillStartBy(timestamp(at)));
    for (Exclusion x : v.exclusions()) {
      e.addExclusions(org.openll.api.v1.Exclusion.newBuilder()
          .setReason(org.openll.api.v1.ExclusionReason.valueOf("EXCLUSION_" + x.reason().name()))
          .setMachines(x.machines())
          .setDetail(x.detail()));
    }
    return e.build();
  }

  private static Timestamp timestamp(Instant at) {
    return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
  }
}
