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
    Printer printer = printer(text);
    steps.forEach(printer::add);
    printer.end(filtered);
    return text.toString();
  }

  /** Prints the listing to {@code out} as its steps arrive: the header now, a row per step, the summary at the end. */
  public Printer printer(Appendable out) {
    return new Printer(out);
  }

  /** The listing printed step by step (a queue of a million steps is not held as one text). */
  public final class Printer {
    private final Appendable out;
    private final SummaryLine.Counts counts = new SummaryLine.Counts();

    private Printer(Appendable out) {
      this.out = out;
      line(HEADER);
      line(RULE);
    }

    public void add(StepStatus step) {
      line(row(step));
      counts.add(step);
    }

    public void end(boolean filtered) {
      line("");
      line(counts.format(filtered));
    }

    private void line(String text) {
      try {
        out.append(text).append('\n');
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
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
