package org.openll.cli.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.openll.api.v1.StateChange;
import org.openll.api.v1.StepStatus;

/**
 * One line of {@code llq -W} per committed change: {@code HH:MM:SS STEP_ID STATE [machine] [message]},
 * the time being when the change was committed (in the command's zone), the message why.
 */
public final class ChangeLine {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final ZoneId zone;

  public ChangeLine(ZoneId zone) {
    this.zone = zone;
  }

  public String format(StepStatus step) {
    StringBuilder line = new StringBuilder();
    StateChange last = step.getHistoryCount() == 0 ? null : step.getHistory(step.getHistoryCount() - 1);
    if (last != null && last.hasTime()) {
      Instant at = Instant.ofEpochSecond(last.getTime().getSeconds(), last.getTime().getNanos());
      line.append(TIME.format(at.atZone(zone)));
    } else {
      line.append("--:--:--");
    }
    line.append(' ').append(step.getStepId()).append(' ').append(StateLabels.longName(step));
    if (!step.getMachine().isEmpty()) {
      line.append(' ').append(step.getMachine());
    }
    if (last != null && !last.getMessage().isEmpty()) {
      line.append(' ').append(last.getMessage());
    }
    return line.toString();
  }
}
