package org.openll.schedd.queue;

import java.util.List;
import org.openll.api.v1.ClaimHandover;
import org.openll.api.v1.IdleStep;

/**
 * What the queue tells the negotiator. Calls never block and never fail: while the session is
 * down the messages are dropped (the snapshot sent on reconnect covers idle steps).
 */
public interface NegotiatorNotifier {
  /** Steps that are (again) idle and want to run. */
  void idle(List<IdleStep> steps);

  /** Idle steps that no longer want to run. */
  void withdraw(List<String> stepIds);

  /** Permitted steps that ended or failed to start: their reserved resources are free again. */
  void release(List<String> stepIds);

  /** Steps that ended and passed their resources to the steps started in their place (claim reuse). */
  void handOver(List<ClaimHandover> handovers);
}
