package org.openll.schedd.queue;

import java.util.ArrayList;
import java.util.List;
import org.openll.api.v1.ClaimHandover;
import org.openll.api.v1.IdleStep;

/** A {@link NegotiatorNotifier} that records what the queue told it, as "idle:ID", "withdraw:ID", "release:ID", "handover:ENDED>NEXT". */
final class RecordingNegotiator implements NegotiatorNotifier {
  private final List<String> events = new ArrayList<>();

  @Override
  public synchronized void idle(List<IdleStep> steps) {
    steps.forEach(s -> events.add("idle:" + s.getStepId()));
  }

  @Override
  public synchronized void withdraw(List<String> stepIds) {
    stepIds.forEach(s -> events.add("withdraw:" + s));
  }

  @Override
  public synchronized void release(List<String> stepIds) {
    stepIds.forEach(s -> events.add("release:" + s));
  }

  @Override
  public synchronized void handOver(List<ClaimHandover> handovers) {
    handovers.forEach(h -> events.add("handover:" + h.getEndedStepId() + ">" + h.getNext().getStep().getStepId()));
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  synchronized void clear() {
    events.clear();
  }
}
