package org.openll.schedd.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openll.api.v1.ClaimHandover;
import org.openll.api.v1.DispatchedStep;
import org.openll.api.v1.Permit;
import org.openll.schedd.store.StoredStep;

/**
 * What claim reuse decided for one batch of a startd's updates: each step that goes Pending on
 * the claim of a step that completed, with the permit it takes over. Everything else (what to
 * commit, the handovers for the negotiator) follows from that list.
 */
final class ClaimReuse {
  static final ClaimReuse NONE = new ClaimReuse(List.of());

  /** {@code next} (Pending, with {@code permit}) takes the claim of {@code ended}. */
  record Start(String ended, StoredStep next, Permit permit, DispatchedStep dispatched) {}

  private final List<Start> starts;

  ClaimReuse() {
    this(new ArrayList<>());
  }

  private ClaimReuse(List<Start> starts) {
    this.starts = starts;
  }

  void add(Start start) {
    starts.add(start);
  }

  List<Start> starts() {
    return starts;
  }

  /** The steps to commit: {@code changed}, then the steps that follow. */
  Collection<StoredStep> committed(Collection<StoredStep> changed) {
    if (starts.isEmpty()) {
      return changed;
    }
    List<StoredStep> all = new ArrayList<>(changed);
    starts.forEach(s -> all.add(s.next()));
    return all;
  }

  /** The permits to commit with the steps that follow, by step id. */
  Map<String, Permit> permits() {
    Map<String, Permit> permits = new HashMap<>();
    starts.forEach(s -> permits.put(s.next().stepId(), s.permit()));
    return permits;
  }

  /** Whether {@code stepId} passed its claim on: its resources are not released. */
  boolean passed(String stepId) {
    for (Start s : starts) {
      if (s.ended().equals(stepId)) {
        return true;
      }
    }
    return false;
  }

  List<ClaimHandover> handovers() {
    return starts.stream()
        .map(s -> ClaimHandover.newBuilder().setEndedStepId(s.ended()).setNext(s.dispatched()).build()).toList();
  }
}
