package org.openll.schedd.queue;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.openll.schedd.store.StoredStep;

/**
 * The steps of the queue, by id and in queue order (job number, then step number), each kept
 * {@link StoredStep#compact() compact}. Not thread-safe: the {@link JobQueue}'s lock guards it.
 */
final class ActiveSteps {
  private final Map<String, StoredStep> byId = new HashMap<>();
  private final TreeMap<Long, StoredStep> ordered = new TreeMap<>();

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
    byId.put(kept.stepId(), kept);
    ordered.put(key(kept), kept);
  }

  void remove(StoredStep step) {
    byId.remove(step.stepId());
    ordered.remove(key(step));
  }

  int size() {
    return byId.size();
  }

  /** Every step, in queue order. */
  Collection<StoredStep> values() {
    return ordered.values();
  }

  /** The steps after the one with sort key {@code key}, in queue order. */
  Collection<StoredStep> after(long key) {
    return ordered.tailMap(key, false).values();
  }

  /** The steps of job {@code jobNumber}, in step order. */
  Collection<StoredStep> ofJob(long jobNumber) {
    return ordered.subMap(key(jobNumber, 0), true, key(jobNumber + 1, 0), false).values();
  }
}
