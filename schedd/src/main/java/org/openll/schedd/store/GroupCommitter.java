package org.openll.schedd.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One writer thread that commits the writes of many callers together: it takes every write queued
 * while the previous transaction was being committed (up to {@code maxBatch}) and runs them in one
 * transaction, each inside its own savepoint, so a write that fails alone is rolled back alone.
 * Each caller's future completes only after the shared commit returned (the data is durable), or
 * exceptionally with the {@link SQLException} that undid its write; a failed commit fails every
 * write of the batch. Writes are applied in the order they were queued.
 *
 * <p>A write that nobody waits for ({@link #submitLater}) does not start a transaction of its own
 * at once: it waits up to {@code later} for a write that somebody waits for and joins its
 * transaction, so it costs no fsync of its own while writes keep coming.
 *
 * <p>After a failure the connection is closed and opened again for the next batch, so a store
 * that was read-only or full recovers once the disk does.
 */
final class GroupCommitter {
  private static final Logger LOG = LogManager.getLogger(GroupCommitter.class);

  /** Work done on the write connection, inside the batch's transaction. */
  interface Work {
    void run(Connection c) throws SQLException;
  }

  /** Opens a connection for writing, with auto-commit off. */
  interface Opener {
    Connection open() throws SQLException;
  }

  /** {@code awaited}: somebody waits for it, so its batch commits without waiting for company. */
  private record Write(Work work, CompletableFuture<Void> done, boolean awaited) {}

  private static final Write STOP = new Write(c -> { }, new CompletableFuture<>(), true);
  /** How long a write submitted {@link #submitLater later} waits for company by default. */
  static final Duration LATER = Duration.ofMillis(200);

  private final Opener opener;
  private final int maxBatch;
  private final long laterNanos;
  private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final Thread thread;
  private Connection connection; // writer thread only
  private final CachedStatements statements = new CachedStatements(); // writer thread only
  private volatile boolean stopped;
  private volatile java.util.function.LongConsumer commitNanos = nanos -> {};

  GroupCommitter(String name, Opener opener, int maxBatch) {
    this(name, opener, maxBatch, LATER);
  }

  GroupCommitter(String name, Opener opener, int maxBatch, Duration later) {
    this.opener = opener;
    this.maxBatch = maxBatch;
    this.laterNanos = later.toNanos();
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
  }

  /** Tells {@code nanos} the duration of each successful batch, writes and commit, on the writer thread. */
  void observeCommits(java.util.function.LongConsumer nanos) {
    commitNanos = nanos;
  }

  void start() {
    thread.start();
  }

  /** Queues {@code work}; the future completes once it is committed. Fails at once after {@link #stop()}. */
  CompletableFuture<Void> submit(Work work) {
    return queue(work, true);
  }

  /**
   * Queues {@code work} to be committed with the next {@link #submit submitted} write, or on its own
   * after {@code later} when none comes; the future completes once it is committed.
   */
  CompletableFuture<Void> submitLater(Work work) {
    return queue(work, false);
  }

  private CompletableFuture<Void> queue(Work work, boolean awaited) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (stopped) {
      done.completeExceptionally(new SQLException("the job store is closed"));
      return done;
    }
    queue.add(new Write(work, done, awaited));
    return done;
  }

  /** Commits what is queued, then stops the thread and closes the connection. */
  void stop() throws InterruptedException {
    stopped = true;
    queue.add(STOP);
    thread.join();
  }

  /** Transactions committed so far (one fsync each). */
  long transactions() {
    return transactions.get();
  }

  /** Writes committed so far. */
  long writes() {
    return writes.get();
  }

  private void loop() {
    List<Write> batch = new ArrayList<>();
    boolean running = true;
    while (running) {
      try {
        batch.add(queue.take());
        awaitCompany(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      queue.drainTo(batch, maxBatch - batch.size());
      running = !batch.remove(STOP);
      if (!batch.isEmpty()) {
        commit(batch);
      }
      batch.clear();
    }
    // writes queued after STOP (racing with stop()) fail rather than hang
    for (Write w; (w = queue.poll()) != null; ) {
      w.done().completeExceptionally(new SQLException("the job store is closed"));
    }
    closeConnection();
  }

  /** While nobody waits for the writes of {@code batch}, adds the writes that come in the next {@code later}. */
  private void awaitCompany(List<Write> batch) throws InterruptedException {
    long deadline = System.nanoTime() + laterNanos; // a timeout, not a time of day: no Clock
    while (!batch.getLast().awaited() && batch.size() < maxBatch) {
      Write next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next == null) {
        return;
      }
      batch.add(next);
    }
  }

  private void commit(List<Write> batch) {
    long began = System.nanoTime(); // a measurement for metrics, not logic: no Clock
    List<Write> applied = new ArrayList<>(batch.size());
    try {
      Connection c = connection();
      for (Write w : batch) {
        if (apply(c, w)) {
          applied.add(w);
        }
      }
      c.commit();
      if (applied.size() < batch.size()) {
        closeConnection(); // a fresh connection for the next batch, whatever went wrong
      }
    } catch (SQLException e) {
      rollbackAndClose(e);
      for (Write w : batch) {
        w.done().completeExceptionally(e);
      }
      return;
    }
    commitNanos.accept(System.nanoTime() - began);
    transactions.incrementAndGet();
    writes.addAndGet(applied.size());
    for (Write w : applied) {
      w.done().complete(null);
    }
  }

  /** Runs one write in a savepoint; false (and its future failed) when it alone was rolled back. */
  private boolean apply(Connection c, Write w) throws SQLException {
    statements.of(c, "SAVEPOINT w").execute();
    try {
      w.work().run(c);
    } catch (SQLException | RuntimeException e) {
      try {
        statements.of(c, "ROLLBACK TO w").execute();
        statements.of(c, "RELEASE w").execute();
      } catch (SQLException gone) {
        // SQLite rolled the whole transaction back (SQLITE_FULL, SQLITE_IOERR): the batch fails
        SQLException cause = e instanceof SQLException sql ? sql : new SQLException(e);
        cause.addSuppressed(gone);
        throw cause;
      }
      w.done().completeExceptionally(e);
      return false;
    }
    statements.of(c, "RELEASE w").execute();
    return true;
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = opener.open();
    }
    return connection;
  }

  private void rollbackAndClose(SQLException cause) {
    if (connection == null) {
      return;
    }
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
    closeConnection();
  }

  private void closeConnection() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("closing the job store's write connection: {}", e.getMessage());
    }
    connection = null;
  }
}
