package org.openll.cli.format;

import org.openll.api.v1.HoldType;
import org.openll.api.v1.StepStatus;
import org.openll.common.state.StepState;

/**
 * A step's state as llq shows it: LoadLeveler replaces Hold by its hold type, {@code H} / User
 * Hold, {@code S} / System Hold, {@code HS} / User &amp; System Hold. A held step without a hold
 * type counts as system-held, as the schedd does. Pure.
 */
public final class StateLabels {
  private StateLabels() {}

  /** The ST column. */
  public static String abbreviation(StepStatus step) {
    StepState state = SummaryLine.stateOf(step);
    if (state != StepState.HOLD) {
      return state.abbreviation();
    }
    return switch (step.getHoldType()) {
      case HOLD_TYPE_USER -> "H";
      case HOLD_TYPE_USERSYS -> "HS";
      default -> "S";
    };
  }

  /** The Status line of llq -l. */
  public static String longName(StepStatus step) {
    StepState state = SummaryLine.stateOf(step);
    if (state != StepState.HOLD) {
      return state.longName();
    }
    return step.getHoldType() == HoldType.HOLD_TYPE_USER ? "User Hold"
        : step.getHoldType() == HoldType.HOLD_TYPE_USERSYS ? "User & System Hold" : "System Hold";
  }
}
