package org.openll.schedd.store;

import org.openll.api.v1.StepStatus;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;

/**
 * One step as the store keeps it: its numbers (the sort key of every listing) and its whole
 * status, history included. Immutable.
 */
public record StoredStep(long jobNumber, int stepNumber, StepStatus status) {

  public String stepId() {
    return status.getStepId();
  }

  public StepState state() {
    return StepStateProtos.fromProto(status.getState());
  }

  public String owner() {
    return status.getOwner();
  }

  /** This step with {@code newStatus} in place of its status. */
  public StoredStep with(StepStatus newStatus) {
    return new StoredStep(jobNumber, stepNumber, newStatus);
  }
}
