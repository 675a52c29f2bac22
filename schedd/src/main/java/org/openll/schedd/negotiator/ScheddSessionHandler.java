package org.openll.schedd.negotiator;

import java.util.List;
import org.openll.api.v1.DispatchedStep;
import org.openll.api.v1.IdleStep;
import org.openll.api.v1.Permit;

/** What the negotiator session needs from the queue. */
public interface ScheddSessionHandler {
  /** Every idle step, for the snapshot sent on each (re)connect; blocks until the queue is loaded. */
  List<IdleStep> idleSnapshot() throws InterruptedException;

  /** What a session starts with: the steps holding machines, then the idle ones, read at one instant. */
  record Snapshot(List<DispatchedStep> dispatched, List<IdleStep> idle) {}

  /**
   * The snapshot sent after each hello: the dispatched steps first (so a restarted negotiator
   * rebuilds its allocations), then the idle ones. Blocks until the queue is loaded. The default
   * has no dispatched steps.
   */
  default Snapshot snapshot() throws InterruptedException {
    return new Snapshot(List.of(), idleSnapshot());
  }

  /** A permit to run one step. Called on the link's permit thread, one permit at a time, in arrival order. */
  void onPermit(Permit permit);

  /**
   * The negotiator declared {@code machine} lost: vacate every step dispatched to it. Called on the
   * permit thread, in order with permits. The default does nothing.
   */
  default void onMachineDown(String machine, String reason) {}

  /**
   * {@code machine} runs {@code runningStepIds} (it came back after it was lost, or this session just
   * opened): kill those this schedd no longer has dispatched there. Called on the permit thread.
   * The default does nothing.
   */
  default void onMachineUp(String machine, List<String> runningStepIds) {}
}
