package org.openll.schedd.store;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Objects;
import org.openll.api.v1.StepStatus;
import org.openll.common.errors.OpenllException;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;

/**
 * One step as the store keeps it: its numbers (the sort key of every listing), its state and owner
 * (what the queue filters on) and its whole status, history included. Immutable.
 *
 * <p>A queue of a million waiting steps holds them as {@link #compact()} steps: the status as its
 * protobuf encoding (a few hundred bytes, the same bytes the store writes) rather than parsed
 * messages (a few KB of objects each), decoded again on each {@link #status()}. Waiting steps are
 * seldom read one by one; the dispatched ones, read on every update, stay decoded.
 */
public final class StoredStep {
  private final long jobNumber;
  private final int stepNumber;
  private final String stepId;
  private final StepState state;
  private final String owner;
  /** A {@link StepStatus}, or its encoding. */
  private final Object status;

  public StoredStep(long jobNumber, int stepNumber, StepStatus status) {
    this(jobNumber, stepNumber, status.getStepId(), stateOrNull(status), status.getOwner(), status);
  }

  /** Null for a status without a known state, whose {@link #state()} then throws as it always did. */
  private static StepState stateOrNull(StepStatus status) {
    try {
      return StepStateProtos.fromProto(status.getState());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private StoredStep(long jobNumber, int stepNumber, String stepId, StepState state, String owner, Object status) {
    this.jobNumber = jobNumber;
    this.stepNumber = stepNumber;
    this.stepId = stepId;
    this.state = state;
    this.owner = owner;
    this.status = status;
  }

  /**
   * A compact step from a store row: {@code encodedStatus} is decoded only when {@link #status()} is
   * asked for. The caller vouches that the id, state and owner are the encoded status's.
   */
  public static StoredStep encoded(long jobNumber, int stepNumber, String stepId, StepState state, String owner,
      byte[] encodedStatus) {
    return new StoredStep(jobNumber, stepNumber, stepId, state, owner, encodedStatus);
  }

  public long jobNumber() {
    return jobNumber;
  }

  public int stepNumber() {
    return stepNumber;
  }

  public String stepId() {
    return stepId;
  }

  public StepState state() {
    return state != null ? state : StepStateProtos.fromProto(status().getState());
  }

  public String owner() {
    return owner;
  }

  /** The whole status; decoded from its encoding on each call for a compact step. */
  public StepStatus status() {
    if (status instanceof StepStatus s) {
      return s;
    }
    try {
      return StepStatus.parseFrom((byte[]) status);
    } catch (InvalidProtocolBufferException e) {
      throw OpenllException.unavailable("the stored status of " + stepId + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The status's protobuf encoding. */
  public byte[] encodedStatus() {
    return status instanceof byte[] bytes ? bytes : ((StepStatus) status).toByteArray();
  }

  /**
   * This step as the queue keeps it in memory: encoded while it waits (not dispatched, not
   * terminal), decoded otherwise.
   */
  public StoredStep compact() {
    boolean waiting = state != null && !state.isDispatched() && !state.isTerminal();
    if (waiting == status instanceof byte[]) {
      return this;
    }
    return new StoredStep(jobNumber, stepNumber, stepId, state, owner, waiting ? encodedStatus() : status());
  }

  /** This step with {@code newStatus} in place of its status. */
  public StoredStep with(StepStatus newStatus) {
    return new StoredStep(jobNumber, stepNumber, newStatus);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredStep other && jobNumber == other.jobNumber && stepNumber == other.stepNumber
        && status().equals(other.status());
  }

  @Override
  public int hashCode() {
    return Objects.hash(jobNumber, stepNumber, stepId);
  }

  @Override
  public String toString() {
    return "StoredStep[" + stepId + " " + state + " of " + owner + "]";
  }
}
