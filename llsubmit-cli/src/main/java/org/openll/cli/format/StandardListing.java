package org.openll.cli.format;

import java.util.List;
import org.openll.api.v1.StepStatus;
import org.openll.common.cluster.HostNames;

/**
 * {@code llq}'s default listing, exactly LoadLeveler's: columns of 24/10/11/2/3/12/11 characters
 * separated by one blank, left-aligned, longer values cut to the width, trailing blanks removed;
 * then a blank line and the {@link SummaryLine}.
 */
public final class StandardListing {
  static final String HEADER =
      "Id                       Owner      Submitted   ST PRI Class        Running On";
  static final String RULE =
      "------------------------ ---------- ----------- -- --- ------------ -----------";
  private static final int[] WIDTHS = {24, 10, 11, 2, 3, 12, 11};

  private final LlDates dates;

  public StandardListing(LlDates dates) {
    this.dates = dates;
  }

  /** The listing of {@code steps}, each line ending with a newline; {@code steps} is not empty. */
  public String format(List<StepStatus> steps, boolean filtered) {
    StringBuilder text = new StringBuilder();
    text.append(HEADER).append('\n').append(RULE).append('\n');
    for (StepStatus step : steps) {
      text.append(row(step)).append('\n');
    }
    text.append('\n').append(SummaryLine.format(steps, filtered)).append('\n');
    return text.toString();
  }

  String row(StepStatus step) {
    String[] values = {
        StepIds.shortStepId(step.getStepId()),
        step.getOwner(),
        dates.submitted(step.getQueueTime()),
        StateLabels.abbreviation(step),
        Integer.toString(step.getSpec().getUserPriority()),
        step.getSpec().getJobClass(),
        runningOn(step),
    };
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        line.append(' ');
      }
      String value = values[i].length() > WIDTHS[i] ? values[i].substring(0, WIDTHS[i]) : values[i];
      line.append(value).append(" ".repeat(WIDTHS[i] - value.length()));
    }
    return line.toString().stripTrailing();
  }

  /** The machine's short name while the step is dispatched or after it ended; blank while it waits. */
  private static String runningOn(StepStatus step) {
    var state = SummaryLine.stateOf(step);
    boolean show = state.isDispatched() || state.isTerminal();
    return show && !step.getMachine().isEmpty() ? HostNames.shorten(step.getMachine()) : "";
  }
}
