package org.openll.common.state;

import org.openll.api.v1.StepState;

/** Converts between the state table's {@link org.openll.common.state.StepState} and the wire enum of the same names. */
public final class StepStateProtos {
  private StepStateProtos() {}

  public static StepState toProto(org.openll.common.state.StepState state) {
    return StepState.valueOf("STEP_STATE_" + state.name());
  }

  /** Throws IllegalArgumentException for STEP_STATE_UNSPECIFIED or an unknown number. */
  public static org.openll.common.state.StepState fromProto(StepState state) {
    if (state == StepState.STEP_STATE_UNSPECIFIED || state == StepState.UNRECOGNIZED) {
      throw new IllegalArgumentException("step state is unspecified");
    }
    return org.openll.common.state.StepState.valueOf(state.name().substring("STEP_STATE_".length()));
  }
}
