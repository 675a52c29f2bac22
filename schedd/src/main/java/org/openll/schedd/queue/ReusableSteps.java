package org.openll.schedd.queue;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import org.openll.api.v1.IdleStep;

/**
 * The Idle steps a machine's claim can pass to when the step holding it ends (claim reuse):
 * serial steps, grouped by shape (owner, group, class, CPUs, consumables, requirements and
 * preferences: everything the negotiator matched the machine on), each group in the order the
 * negotiator takes one owner's steps (higher {@code user_priority} first, then queue time, then
 * job and step number). A step joins when it is offered to the negotiator and leaves when it is
 * no longer Idle. Not thread-safe: the queue's lock guards it.
 */
final class ReusableSteps {
  /** @param key the step's {@link ActiveSteps#key}: job, then step number */
  private record Entry(String stepId, int userPriority, long queueSeconds, int queueNanos, long key, IdleStep shape) {}

  private static final Comparator<Entry> ORDER = (a, b) -> {
    int c = Integer.compare(b.userPriority, a.userPriority);
    if (c == 0) {
      c = Long.compare(a.queueSeconds, b.queueSeconds);
    }
    if (c == 0) {
      c = Integer.compare(a.queueNanos, b.queueNanos);
    }
    return c != 0 ? c : Long.compare(a.key, b.key);
  };

  private final Map<IdleStep, NavigableSet<Entry>> byShape = new HashMap<>();
  private final Map<String, Entry> byId = new HashMap<>();

  /**
   * The shape of {@code step}: its ad without what differs between steps of one shape (id,
   * priority, queue time). Empty for a step that holds several machines, a machine of its own or
   * more than one task: those go through the negotiator.
   */
  static Optional<IdleStep> shapeOf(IdleStep step) {
    if (step.getParallel() || step.getNotShared() || step.getNodeMin() > 1 || step.getNodeMax() > 1
        || step.getTotalTasks() > 1 || step.getTasksPerNode() > 1 || step.getBlocking() != 0) {
      return Optional.empty();
    }
    return Optional.of(step.toBuilder().clearStepId().clearUserPriority().clearQueueTime().build());
  }

  /**
   * Adds {@code step}, or replaces what was known of it (a new priority, a modified spec); {@code
   * key} is its {@link ActiveSteps#key}.
   */
  void offered(IdleStep step, long key) {
    left(step.getStepId());
    Optional<IdleStep> shape = shapeOf(step);
    if (shape.isEmpty()) {
      return;
    }
    NavigableSet<Entry> group = byShape.computeIfAbsent(shape.get(), s -> new TreeSet<>(ORDER));
    IdleStep canonical = group.isEmpty() ? shape.get() : group.first().shape();
    Entry entry = new Entry(step.getStepId(), step.getUserPriority(), step.getQueueTime().getSeconds(),
        step.getQueueTime().getNanos(), key, canonical);
    group.add(entry);
    byId.put(entry.stepId(), entry);
  }

  /** Forgets {@code stepId}: it is no longer Idle. */
  void left(String stepId) {
    Entry entry = byId.remove(stepId);
    if (entry == null) {
      return;
    }
    NavigableSet<Entry> group = byShape.get(entry.shape());
    group.remove(entry);
    if (group.isEmpty()) {
      byShape.remove(entry.shape());
    }
  }

  /** Takes the first step of {@code shape} ({@link #shapeOf}), if any. */
  Optional<String> take(IdleStep shape) {
    NavigableSet<Entry> group = byShape.get(shape);
    if (group == null) {
      return Optional.empty();
    }
    String first = group.first().stepId();
    left(first);
    return Optional.of(first);
  }
}
