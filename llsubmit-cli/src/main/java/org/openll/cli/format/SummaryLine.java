package org.openll.cli.format;

import java.util.List;
import org.openll.api.v1.StepStatus;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;

/**
 * The line that ends {@code llq}'s listings:
 * {@code N job step(s) in queue, W waiting, P pending, R running, H held, E preempted}, with
 * "in query" when the user filtered the listing.
 *
 * <p>The groups follow LoadLeveler's functional states: waiting = Idle, Deferred, Not Queued,
 * Rejected, Vacated (steps waiting for a machine); pending = Pending, Starting; running = every
 * other dispatched state (Running, Complete Pending, Remove Pending, Reject Pending, Vacate
 * Pending, Preempt Pending, Resume Pending); held = Hold; preempted = Preempted. Terminal steps
 * (shown when ids were asked for) count in the total only.
 */
public final class SummaryLine {
  private SummaryLine() {}

  public static String format(List<StepStatus> steps, boolean filtered) {
    Counts counts = new Counts();
    steps.forEach(counts::add);
    return counts.format(filtered);
  }

  /** The line's counts, added to step by step, for a listing printed as its pages arrive. */
  public static final class Counts {
    private long total;
    private long waiting;
    private long pending;
    private long running;
    private long held;
    private long preempted;

    public void add(StepStatus step) {
      total++;
      switch (stateOf(step)) {
        case IDLE, DEFERRED, NOT_QUEUED, REJECTED, VACATED, UNEXPANDED -> waiting++;
        case PENDING, STARTING -> pending++;
        case RUNNING, COMPLETE_PENDING, REMOVE_PENDING, REJECT_PENDING, VACATE_PENDING,
            PREEMPT_PENDING, RESUME_PENDING -> running++;
        case HOLD -> held++;
        case PREEMPTED -> preempted++;
        default -> { }
      }
    }

    public String format(boolean filtered) {
      return total + " job step(s) in " + (filtered ? "query" : "queue") + ", "
          + waiting + " waiting, " + pending + " pending, " + running + " running, "
          + held + " held, " + preempted + " preempted";
    }
  }

  /** The step's state; an unspecified or unknown wire state reads as Unexpanded. */
  static StepState stateOf(StepStatus step) {
    try {
      return StepStateProtos.fromProto(step.getState());
    } catch (IllegalArgumentException e) {
      return StepState.UNEXPANDED;
    }
  }
}
