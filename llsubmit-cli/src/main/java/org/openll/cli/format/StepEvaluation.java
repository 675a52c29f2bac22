package org.openll.cli.format;

import java.util.Locale;
import org.openll.api.v1.Exclusion;
import org.openll.api.v1.ExclusionReason;
import org.openll.api.v1.ExplainStepsResponse;
import org.openll.api.v1.StepExplanation;
import org.openll.api.v1.StepStatus;
import org.openll.common.state.StepState;

/**
 * llq -s's evaluation block of one step: LoadLeveler's lines (class, initiators, "Not enough
 * resources to start now.", top-dog, Considered at, Will start by), then openll's: the deciding
 * reason, one line per reason with the machines it excluded, and the step's place in the queue.
 * A step that is not Idle gets the schedd's reason instead (hold, startdate, dependency, where it
 * runs). Pure.
 */
public final class StepEvaluation {
  private final LlDates dates;

  public StepEvaluation(LlDates dates) {
    this.dates = dates;
  }

  /** The block of {@code step}; {@code explanation} is the negotiator's, used when the step is Idle. */
  public String format(StepStatus step, StepExplanation explanation, ExplainStepsResponse cycle) {
    StringBuilder text = new StringBuilder();
    line(text, "==================== EVALUATIONS FOR JOB STEP " + step.getStepId() + " ====================");
    line(text, "The class of this job step is \"" + step.getSpec().getJobClass() + "\".");
    StepState state = SummaryLine.stateOf(step);
    if (state != StepState.IDLE) {
      line(text, notIdle(step, state));
      return text.toString();
    }
    if (!explanation.getKnown()) {
      line(text, "The negotiator has not considered this step yet"
          + (cycle.hasConsideredAt() ? "; its last cycle ran at " + dates.longDate(cycle.getConsideredAt()) : "")
          + ": it is considered at the next cycle.");
      return text.toString();
    }
    line(text, "Total number of available initiators of this class on all machines in the cluster: "
        + explanation.getClassSlotsFree());
    line(text, "Minimum number of initiators of this class required by job step: " + explanation.getSlotsRequired());
    if (explanation.getClassSlotsFree() < explanation.getSlotsRequired()) {
      line(text, "The number of available initiators of this class is not sufficient for this job step.");
    }
    if (explanation.getMatched()) {
      line(text, "This step was given a machine in the last cycle: it starts now.");
    } else {
      line(text, "Not enough resources to start now.");
    }
    if ("BACKFILL".equals(cycle.getSchedulerType()) && !explanation.getMatched()) {
      line(text, explanation.getTopDog() ? "This step is top-dog." : "Not enough resources for this step as backfill.");
    }
    if (cycle.hasConsideredAt()) {
      line(text, "Considered at: " + dates.longDate(cycle.getConsideredAt()));
    }
    if (explanation.getTopDog() && explanation.hasWillStartBy()) {
      line(text, "Will start by: " + dates.longDate(explanation.getWillStartBy()));
    }
    if (!explanation.getSummary().isEmpty()) {
      line(text, "Deciding reason: " + explanation.getSummary());
    }
    for (Exclusion exclusion : explanation.getExclusionsList()) {
      line(text, exclusion(exclusion));
    }
    if (explanation.getQueuePosition() > 0) {
      line(text, String.format(Locale.ROOT, "Position in the queue: %d (SYSPRIO %s)",
          explanation.getQueuePosition(), sysprio(explanation.getSysprio())));
    }
    return text.toString();
  }

  /**
   * The negotiator's detail, which counts the machines itself ("2 machines have fewer than 4 free
   * CPUs"); without one, {@code "N machines: reason"}, or the reason alone for the step itself.
   */
  static String exclusion(Exclusion exclusion) {
    if (!exclusion.getDetail().isEmpty()) {
      return exclusion.getDetail();
    }
    String reason = reasonText(exclusion.getReason());
    if (exclusion.getMachines() == 0) {
      return reason;
    }
    return exclusion.getMachines() + (exclusion.getMachines() == 1 ? " machine: " : " machines: ") + reason;
  }

  static String reasonText(ExclusionReason reason) {
    return switch (reason) {
      case EXCLUSION_MACHINE_DOWN -> "machine down";
      case EXCLUSION_MACHINE_DRAINED -> "machine drained";
      case EXCLUSION_CLASS_NOT_OFFERED -> "class not offered";
      case EXCLUSION_REQUIREMENTS -> "requirements not met";
      case EXCLUSION_CPUS -> "not enough free CPUs";
      case EXCLUSION_MEMORY -> "not enough free memory";
      case EXCLUSION_RESOURCE -> "not enough of a consumable resource";
      case EXCLUSION_CLASS_SLOTS -> "no free initiator of the class";
      case EXCLUSION_NOT_SHARED -> "node_usage = not_shared";
      case EXCLUSION_TOP_DOG -> "reserved for the top-dog step";
      case EXCLUSION_USER_LIMIT -> "user limit reached";
      case EXCLUSION_GROUP_LIMIT -> "group limit reached";
      case EXCLUSION_CLASS_LIMIT -> "class limit reached";
      case EXCLUSION_FLOATING_RESOURCE -> "floating resource exhausted";
      case EXCLUSION_NOT_ENOUGH_MACHINES -> "not enough eligible machines for its nodes";
      case EXCLUSION_EXPRESSION_ERROR -> "requirements or preferences do not evaluate";
      default -> "unknown reason";
    };
  }

  private String notIdle(StepStatus step, StepState state) {
    return switch (state) {
      case HOLD -> "This step is in " + StateLabels.longName(step) + ": it is not considered until "
          + (step.getHoldType() == org.openll.api.v1.HoldType.HOLD_TYPE_USER ? "its owner releases it (llhold -r)."
              : "an administrator releases it (llhold -r -s).");
      case DEFERRED -> "This step is Deferred: its startdate is " + dates.longDate(step.getSpec().getStartdate()) + ".";
      case NOT_QUEUED -> step.getSpec().getDependency().isEmpty()
          ? "This step is Not Queued: its user or group reached a maxidle or maxqueued limit."
          : "This step is Not Queued: it waits for its dependency (" + step.getSpec().getDependency() + ").";
      case PENDING, STARTING, RUNNING, COMPLETE_PENDING ->
          "This step is " + state.longName() + " on " + hosts(step) + ".";
      default -> "This step is " + StateLabels.longName(step) + ": the negotiator does not consider it.";
    };
  }

  private static String hosts(StepStatus step) {
    if (step.getAllocatedHostsCount() > 0) {
      return String.join(" ", step.getAllocatedHostsList());
    }
    return step.getMachine().isEmpty() ? "a machine not yet known" : step.getMachine();
  }

  private static String sysprio(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
  }

  private static void line(StringBuilder text, String line) {
    text.append(line).append('\n');
  }
}
