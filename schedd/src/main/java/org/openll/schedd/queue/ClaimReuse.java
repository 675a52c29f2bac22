package org.openll.schedd.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openll.api.v1.ClaimHandover;
import org.openll.api.v1.DispatchedStep;
import org.openll.api.v1.Permit;
import org.openll.schedd.store.StoredStep;

/**
 * What claim reuse decided for one batch of a startd's updates: the steps that go Pending on the
 * claims of steps that completed, their permits, which step each follows, and the handovers the
 * negotiator is told of.
 */
final class ClaimReuse {
  static final ClaimReuse NONE = new ClaimReuse(List.of(), Map.of(), Map.of(), Set.of(), List.of());

  private final List<StoredStep> starts;
  private final Map<String, Permit> permits;
  private final Map<String, String> follows;
  private final Set<String> ended;
  private final List<ClaimHandover> handovers;

  ClaimReuse() {
    this(new ArrayList<>(), new HashMap<>(), new HashMap<>(), new HashSet<>(), new ArrayList<>());
  }

  private ClaimReuse(List<StoredStep> starts, Map<String, Permit> permits, Map<String, String> follows,
      Set<String> ended, List<ClaimHandover> handovers) {
    this.starts = starts;
    this.permits = permits;
    this.follows = follows;
    this.ended = ended;
    this.handovers = handovers;
  }

  /** {@code next} (Pending, with {@code permit}) takes the claim of {@code ended}. */
  void add(String ended, StoredStep next, Permit permit, DispatchedStep dispatched) {
    starts.add(next);
    permits.put(next.stepId(), permit);
    follows.put(next.stepId(), ended);
    this.ended.add(ended);
    handovers.add(ClaimHandover.newBuilder().setEndedStepId(ended).setNext(dispatched).build());
  }

  /** The steps to commit: {@code changed}, then the steps that follow. */
  Collection<StoredStep> committed(Collection<StoredStep> changed) {
    if (starts.isEmpty()) {
      return changed;
    }
    List<StoredStep> all = new ArrayList<>(changed);
    all.addAll(starts);
    return all;
  }

  /** Whether {@code stepId} passed its claim on: its resources are not released. */
  boolean passed(String stepId) {
    return ended.contains(stepId);
  }

  List<StoredStep> starts() {
    return starts;
  }

  Map<String, Permit> permits() {
    return permits;
  }

  /** The step each started step follows, by the started step's id. */
  Map<String, String> follows() {
    return follows;
  }

  List<ClaimHandover> handovers() {
    return handovers;
  }
}
