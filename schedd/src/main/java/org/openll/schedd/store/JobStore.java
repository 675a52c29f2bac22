package org.openll.schedd.store;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The schedd's durable queue and history. Every write is one transaction: when a write method
 * returns, its whole batch is durable (survives a crash or a power loss); when it throws, none of
 * it is. Failures are reported as {@link org.openll.common.errors.OpenllException} with code
 * UNAVAILABLE.
 *
 * <p>Implementations are thread-safe; writes are serialised.
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

  /** Every step not in a terminal state, ordered by job number then step number. */
  List<StoredStep> loadActive();

  /** Steps in a terminal state (the history) of {@code owners}, or of everyone when empty, in order. */
  List<StoredStep> loadFinished(Set<String> owners);

  /** Every step of job {@code jobNumber}, active and finished, ordered by step number. */
  List<StoredStep> loadJob(long jobNumber);

  /** The job command file submitted with job {@code jobNumber}, if any was. */
  Optional<ByteString> jobFile(long jobNumber);
}
