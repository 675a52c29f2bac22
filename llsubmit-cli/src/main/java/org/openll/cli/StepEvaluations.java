package org.openll.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openll.api.v1.ExplainStepsRequest;
import org.openll.api.v1.ExplainStepsResponse;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.StepExplanation;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepStatus;
import org.openll.cli.format.JsonDocument;
import org.openll.cli.format.LlDates;
import org.openll.cli.format.LongListing;
import org.openll.cli.format.StandardListing;
import org.openll.cli.format.StepEvaluation;

/**
 * llq -s: the standard listing of the asked-for steps (the long listing with -l, as LoadLeveler
 * prints it), then one evaluation block per step. Asks
 * the negotiator only when a step is Idle (the others are explained from the schedd's state).
 */
final class StepEvaluations {
  private final CliContext context;

  StepEvaluations(CliContext context) {
    this.context = context;
  }

  void print(List<StepStatus> steps, boolean json, boolean longListing) throws CommandFailure {
    ExplainStepsResponse cycle = explain(steps);
    Map<String, StepExplanation> explanations = new HashMap<>();
    cycle.getStepsList().forEach(e -> explanations.put(e.getStepId(), e));
    if (json) {
      JsonObject document = new JsonObject();
      document.add("considered_at", cycle.hasConsideredAt()
          ? JsonDocument.of(cycle).getAsJsonObject().get("considered_at") : JsonNull.INSTANCE);
      document.addProperty("scheduler_type", cycle.getSchedulerType());
      JsonArray array = new JsonArray();
      for (StepStatus step : steps) {
        JsonObject entry = new JsonObject();
        entry.add("step", JsonDocument.of(step));
        StepExplanation explanation = explanations.get(step.getStepId());
        entry.add("explanation", explanation == null ? JsonNull.INSTANCE : JsonDocument.of(explanation));
        array.add(entry);
      }
      document.add("steps", array);
      context.out().print(JsonDocument.print(document));
      return;
    }
    if (steps.isEmpty()) {
      context.out().println(LlqCommand.NO_STATUS);
      return;
    }
    LlDates dates = new LlDates(context.clock().getZone());
    context.out().print(longListing
        ? new LongListing(dates).format(steps, true)
        : new StandardListing(dates).format(steps, true));
    StepEvaluation evaluation = new StepEvaluation(dates);
    for (StepStatus step : steps) {
      context.out().println();
      context.out().print(evaluation.format(step,
          explanations.getOrDefault(step.getStepId(), StepExplanation.getDefaultInstance()), cycle));
    }
  }

  private ExplainStepsResponse explain(List<StepStatus> steps) throws CommandFailure {
    List<String> idle = steps.stream()
        .filter(step -> step.getState() == StepState.STEP_STATE_IDLE)
        .map(StepStatus::getStepId)
        .toList();
    if (idle.isEmpty()) {
      return ExplainStepsResponse.getDefaultInstance();
    }
    ExplainStepsRequest request = ExplainStepsRequest.newBuilder().addAllStepIds(idle).build();
    try (DaemonConnection negotiator = DaemonConnection.open(context, "negotiator")) {
      return negotiator.call(channel ->
          negotiator.withDeadline(NegotiatorGrpc.newBlockingStub(channel)).explainSteps(request));
    }
  }
}
