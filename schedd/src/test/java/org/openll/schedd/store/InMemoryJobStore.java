package org.openll.schedd.store;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openll.api.v1.Permit;
import org.openll.common.errors.OpenllException;

/** A {@link JobStore} in memory, for tests of the queue logic. Can be told to fail its next write. */
public final class InMemoryJobStore implements JobStore {
  private final Map<String, StoredStep> steps = new HashMap<>();
  private final Map<Long, ByteString> jobFiles = new HashMap<>();
  private final Map<String, Permit> permits = new HashMap<>();
  private long lastJobNumber;
  private boolean failNextWrite;
  private boolean diskFull;
  private int commits;

  @Override
  public void open() {}

  @Override
  public void close() {}

  @Override
  public synchronized long lastJobNumber() {
    return lastJobNumber;
  }

  @Override
  public synchronized void commitJob(long jobNumber, ByteString jobFileContent, Collection<StoredStep> newSteps) {
    checkWrite();
    lastJobNumber = Math.max(lastJobNumber, jobNumber);
    jobFiles.put(jobNumber, jobFileContent);
    newSteps.forEach(s -> steps.put(s.stepId(), s));
  }

  @Override
  public synchronized void commit(Collection<StoredStep> changed) {
    if (changed.isEmpty()) {
      return;
    }
    checkWrite();
    changed.forEach(s -> steps.put(s.stepId(), s));
  }

  @Override
  public synchronized void commit(Collection<StoredStep> changed, Map<String, Permit> pending) {
    if (pending.isEmpty()) {
      commit(changed);
      return;
    }
    checkWrite();
    changed.forEach(s -> steps.put(s.stepId(), s));
    permits.putAll(pending);
  }

  @Override
  public synchronized Map<String, Permit> loadPermits() {
    Map<String, Permit> pending = new HashMap<>();
    permits.forEach((id, permit) -> {
      if (steps.get(id).state().isDispatched()) {
        pending.put(id, permit);
      }
    });
    return pending;
  }

  @Override
  public synchronized List<StoredStep> loadActive() {
    return sorted(steps.values().stream().filter(s -> !s.state().isTerminal()).toList());
  }

  @Override
  public synchronized List<StoredStep> loadFinished(Set<String> owners) {
    return sorted(steps.values().stream()
        .filter(s -> s.state().isTerminal() && (owners.isEmpty() || owners.contains(s.owner()))).toList());
  }

  @Override
  public synchronized List<StoredStep> loadJob(long jobNumber) {
    return sorted(steps.values().stream().filter(s -> s.jobNumber() == jobNumber).toList());
  }

  @Override
  public synchronized Optional<ByteString> jobFile(long jobNumber) {
    return Optional.ofNullable(jobFiles.get(jobNumber)).filter(b -> !b.isEmpty());
  }

  /** The stored version of a step, as a reopened store would see it. */
  public synchronized Optional<StoredStep> get(String stepId) {
    return Optional.ofNullable(steps.get(stepId));
  }

  /** Makes the next write fail with UNAVAILABLE, changing nothing. */
  public synchronized void failNextWrite() {
    failNextWrite = true;
  }

  /** Makes every write fail with RESOURCE_EXHAUSTED, as a full disk does, until {@link #diskFreed()}. */
  public synchronized void diskFull() {
    diskFull = true;
  }

  public synchronized void diskFreed() {
    diskFull = false;
  }

  /** How many transactions were committed. */
  public synchronized int commits() {
    return commits;
  }

  /** Seeds a step as if a previous schedd had committed it. */
  public synchronized void put(StoredStep step, long jobNumber) {
    steps.put(step.stepId(), step);
    lastJobNumber = Math.max(lastJobNumber, jobNumber);
  }

  private void checkWrite() {
    if (diskFull) {
      throw OpenllException.resourceExhausted("job store /spool/queue.db: the disk is full (injected)");
    }
    if (failNextWrite) {
      failNextWrite = false;
      throw OpenllException.unavailable("injected store failure", null);
    }
    commits++;
  }

  private static List<StoredStep> sorted(List<StoredStep> list) {
    return list.stream()
        .sorted(Comparator.comparingLong(StoredStep::jobNumber).thenComparingInt(StoredStep::stepNumber)).toList();
  }
}
