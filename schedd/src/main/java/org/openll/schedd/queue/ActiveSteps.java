package org.openll.schedd.queue;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.openll.common.state.StepState;
import org.openll.schedd.store.StoredStep;

/**
 * The steps of the queue, by id and in queue order (job number, then step number), each kept
 * {@link StoredStep#compact() compact}. Not thread-safe: the {@link JobQueue}'s lock guards it.
 */
final class ActiveSteps {
  private final Map<String, StoredStep> byId = new HashMap<>();
  private final TreeMap<Long, StoredStep> ordered = new TreeMap<>();
  /** Not Queued steps per job: most jobs have none, and a finished step need not look at its job's others. */
  private final Map<Long, Integer> notQueued = new HashMap<>();

  /** The sort key of step {@code stepNumber} of job {@code jobNumber}. */
  static long key(long jobNumber, int stepNumber) {
    return (jobNumber << 32) | (stepNumber & 0xffffffffL);
  }

  static long key(StoredStep step) {
    return key(step.jobNumber(), step.stepNumber());
  }

  StoredStep get(String id) {
    return byId.get(id);
  }

  void put(StoredStep step) {
    StoredStep kept = step.compact();
    count(byId.put(kept.stepId(), kept), -1);
    count(kept, 1);
    ordered.put(key(kept), kept);
  }

  void remove(StoredStep step) {
    count(byId.remove(step.stepId()), -1);
    ordered.remove(key(step));
  }

  private void count(StoredStep step, int delta) {
    if (step != null && step.state() == StepState.NOT_QUEUED) {
      notQueued.merge(step.jobNumber(), delta, (a, b) -> a + b == 0 ? null : a + b);
    }
  }

  /** Whether job {@code jobNumber} has a Not Queued step. */
  boolean hasNotQueued(long jobNumber) {
    return notQueued.containsKey(jobNumber);
  }

  int size() {
    return byId.size();
  }

  /** Every step, in queue order. */
  Collection<StoredStep> values() {
    return ordered.values();
  }

  /**
   * The steps after the one with sort key {@code key}, in queue order, read as the stream is
   * consumed. (A tail map's {@code values().stream()} would count the whole tail first: once per
   * page, a million steps each time.)
   */
  Stream<StoredStep> after(long key) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(ordered.tailMap(key, false).values().iterator(),
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** The steps of job {@code jobNumber}, in step order. */
  Collection<StoredStep> ofJob(long jobNumber) {
    return ordered.subMap(key(jobNumber, 0), true, key(jobNumber + 1, 0), false).values();
  }
}
