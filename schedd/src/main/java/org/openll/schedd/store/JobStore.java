package org.openll.schedd.store;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openll.api.v1.Permit;

/**
 * The schedd's durable queue and history. Every write is atomic: when a write method returns, its
 * whole effect is durable (survives a crash or a power loss); when it throws, none of it is.
 * Concurrent writes may share one transaction (group commit), never half of one. Failures are
 * reported as {@link org.openll.common.errors.OpenllException}: RESOURCE_EXHAUSTED, with the
 * store's path, when the disk is full or the store cannot be written (the store keeps what it had
 * and takes writes again once the disk does); UNAVAILABLE for anything else.
 *
 * <p>Implementations are thread-safe; writes are applied in the order they are made.
 */
public interface JobStore {

  /** Opens the store, creating its schema on first use. Called once before any other method. */
  void open();

  /** Closes the store; nothing may be called after. */
  void close();

  /** The highest job number ever committed, 0 for a new store. */
  long lastJobNumber();

  /**
   * Commits a new job in one transaction: its number (the counter never goes back), its job
   * command file (kept for steps that run the file itself) and all its steps.
   */
  void commitJob(long jobNumber, ByteString jobFileContent, Collection<StoredStep> steps);

  /** Inserts or replaces {@code steps}, in one transaction. */
  void commit(Collection<StoredStep> steps);

  /**
   * Inserts or replaces {@code steps} without waiting: they are committed with the next write that
   * is waited for (or on their own a moment later), in the order of the writes, so no fsync is paid
   * for them alone. Only for a change that a crash may lose because a restarted schedd recovers it
   * (a step Starting found Pending asks its startd again); a failure is logged, and the next write
   * of the same steps replaces what was lost.
   */
  default void commitLater(Collection<StoredStep> steps) {
    commit(steps);
  }

  /**
   * Commits {@code step} (Pending) with the permit it is being started with, in one transaction, so
   * a restarted schedd can ask that permit's startd whether it runs the step, and tell a restarted
   * negotiator where the step holds resources (DispatchedSteps). The permit is kept while the step
   * is dispatched ({@link org.openll.common.state.StepState#isDispatched()}) and dropped when a later
   * write moves it out of the dispatched states.
   */
  default void commitPending(StoredStep step, Permit permit) {
    commit(List.of(step), Map.of(step.stepId(), permit));
  }

  /**
   * Inserts or replaces {@code steps} and keeps {@code permits} (by step id) for those of them that
   * are dispatched, in one transaction: a step that ended and the step that takes its resources
   * (claim reuse) in one commit.
   */
  void commit(Collection<StoredStep> steps, Map<String, Permit> permits);

  /** The permits of the steps that are dispatched (Pending to Complete Pending), by step id. */
  Map<String, Permit> loadPermits();

  /** Every step not in a terminal state, ordered by job number then step number. */
  List<StoredStep> loadActive();

  /** Steps in a terminal state (the history) of {@code owners}, or of everyone when empty, in order. */
  List<StoredStep> loadFinished(Set<String> owners);

  /**
   * At most {@code limit} steps of the history (as {@link #loadFinished(Set)}) of {@code owners}
   * (everyone when empty) and of {@code jobs} (every job when empty) that come after step
   * {@code afterStep} of job {@code afterJob} in queue order (-1, -1: from the first), in order.
   */
  default List<StoredStep> loadFinished(Set<String> owners, Set<Long> jobs, long afterJob, int afterStep, int limit) {
    return loadFinished(owners).stream()
        .filter(s -> jobs.isEmpty() || jobs.contains(s.jobNumber()))
        .filter(s -> s.jobNumber() > afterJob || (s.jobNumber() == afterJob && s.stepNumber() > afterStep))
        .limit(limit).toList();
  }

  /** Every step of job {@code jobNumber}, active and finished, ordered by step number. */
  List<StoredStep> loadJob(long jobNumber);

  /** The job command file submitted with job {@code jobNumber}, if any was. */
  Optional<ByteString> jobFile(long jobNumber);

  /**
   * Tells {@code nanos} how long each group commit took, from its first write to the end of its
   * commit (one fsync), on the writer thread: it must return at once. Stores without group commit
   * ignore it.
   */
  default void observeCommits(java.util.function.LongConsumer nanos) {}
}
