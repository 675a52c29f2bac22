package org.openll.schedd.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.Permit;
import org.openll.api.v1.StepStatus;
import org.openll.common.errors.OpenllException;
import org.openll.common.state.StepState;

/**
 * The {@link JobStore} in one SQLite file ({@code spool/schedd/queue.db}), in WAL mode with
 * {@code synchronous=FULL}, so a committed transaction survives a power loss. Writes go through a
 * {@link GroupCommitter}: one writer thread and connection commits the writes made concurrently in
 * one transaction (one fsync), and each writer returns once its write is committed. Reads use a
 * second connection under this object's lock (WAL lets them run beside the writer) and see every
 * write that has returned. Each step row carries the columns the queries filter on (owner, state,
 * terminal) and the whole {@link StepStatus} as a blob; dispatched steps also have their permit.
 */
public final class SqliteJobStore implements JobStore {
  private static final Logger LOG = LogManager.getLogger(SqliteJobStore.class);
  private static final int SCHEMA_VERSION = 2;
  private static final int MAX_BATCH = 256;
  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS jobs (job_number INTEGER PRIMARY KEY, job_file BLOB)",
    "CREATE TABLE IF NOT EXISTS steps (step_id TEXT PRIMARY KEY, job_number INTEGER NOT NULL,"
        + " step_number INTEGER NOT NULL, state TEXT NOT NULL, terminal INTEGER NOT NULL,"
        + " owner TEXT NOT NULL, status BLOB NOT NULL)",
    "CREATE INDEX IF NOT EXISTS steps_by_terminal ON steps (terminal, job_number, step_number)",
    "CREATE INDEX IF NOT EXISTS steps_by_owner ON steps (owner, terminal)",
    "CREATE TABLE IF NOT EXISTS permits (step_id TEXT PRIMARY KEY, permit BLOB NOT NULL)",
  };
  private static final String UPSERT_STEP =
      "INSERT INTO steps (step_id, job_number, step_number, state, terminal, owner, status)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (step_id) DO UPDATE SET state = excluded.state,"
          + " terminal = excluded.terminal, owner = excluded.owner, status = excluded.status";
  private static final String JOB_COUNTER = "job_number";
  /** What {@link #read} reads, in this order. */
  private static final String COLUMNS = "job_number, step_number, step_id, state, owner, status";

  private final Path file;
  private final FreeSpaceFloor floor;
  private volatile long maxPageCount;
  private Connection connection; // reads, under this object's lock
  private GroupCommitter writer;
  /** The writer connection's statements; used by write work only, on the writer thread. */
  private final CachedStatements statements = new CachedStatements();
  private volatile java.util.function.LongConsumer commitObserver = nanos -> {};

  @Override
  public void observeCommits(java.util.function.LongConsumer nanos) {
    commitObserver = nanos;
    GroupCommitter w = writer;
    if (w != null) {
      w.observeCommits(nanos);
    }
  }

  public SqliteJobStore(Path file) {
    this(file, 0);
  }

  /**
   * A store that refuses new jobs ({@link #commitJob}) while the file system holding {@code file}
   * has fewer than {@code minFreeBytes} usable (0: no floor); other writes go on until SQLite
   * itself finds no room.
   */
  public SqliteJobStore(Path file, long minFreeBytes) {
    this(file, FreeSpaceFloor.of(file.toAbsolutePath().getParent(), minFreeBytes), 0);
  }

  /** @param maxPageCount when positive, the largest the file may grow, in pages (tests: a full disk) */
  SqliteJobStore(Path file, FreeSpaceFloor floor, long maxPageCount) {
    this.file = file;
    this.floor = floor;
    this.maxPageCount = maxPageCount;
  }

  public Path file() {
    return file;
  }

  /** Changes the size limit for the connections opened from now on (tests: the disk has room again). */
  void maxPageCount(long pages) {
    this.maxPageCount = pages;
  }

  @Override
  public synchronized void open() {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      connection = connect();
      try (Statement st = connection.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
      }
      // a store already at this schema is opened without writing, so a schedd restarted on a full
      // disk comes up, answers queries and refuses only writes
      if (schemaVersion() != SCHEMA_VERSION) {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
          for (String ddl : SCHEMA) {
            st.execute(ddl);
          }
          st.execute("PRAGMA user_version=" + SCHEMA_VERSION);
        }
        connection.commit();
        connection.setAutoCommit(true);
      }
    } catch (SQLException | IOException e) {
      close();
      throw failure("open the store", e);
    }
    writer = new GroupCommitter("job-store-writer", () -> {
      Connection c = connect();
      c.setAutoCommit(false);
      return c;
    }, MAX_BATCH);
    writer.observeCommits(commitObserver);
    writer.start();
    LOG.info("job store {} open", file);
  }

  private int schemaVersion() throws SQLException {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA synchronous=FULL");
      st.execute("PRAGMA busy_timeout=5000");
      if (maxPageCount > 0) {
        st.execute("PRAGMA max_page_count=" + maxPageCount);
      }
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  @Override
  public void close() {
    GroupCommitter w;
    synchronized (this) {
      w = writer;
      writer = null;
    }
    if (w != null) {
      try {
        w.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (connection == null) {
        return;
      }
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.warn("closing job store {}: {}", file, e.getMessage());
      }
      connection = null;
    }
  }

  /** Transactions committed since {@link #open()}: one fsync each. */
  public long transactions() {
    GroupCommitter w = writer;
    return w == null ? 0 : w.transactions();
  }

  @Override
  public synchronized long lastJobNumber() {
    try (PreparedStatement ps = connection().prepareStatement("SELECT value FROM counters WHERE name = ?")) {
      ps.setString(1, JOB_COUNTER);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw failure("read the job counter", e);
    }
  }

  @Override
  public void commitJob(long jobNumber, ByteString jobFileContent, Collection<StoredStep> steps) {
    floor.check("commit job " + jobNumber);
    write("commit job " + jobNumber, c -> {
      // cached, as the steps' statements are: SQLite compiles a statement each time it is prepared
      PreparedStatement counter = statements.of(c, "INSERT INTO counters (name, value) VALUES (?, ?)"
          + " ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)");
      counter.setString(1, JOB_COUNTER);
      counter.setLong(2, jobNumber);
      counter.executeUpdate();
      PreparedStatement job = statements.of(c, "INSERT OR REPLACE INTO jobs (job_number, job_file) VALUES (?, ?)");
      job.setLong(1, jobNumber);
      job.setBytes(2, jobFileContent.isEmpty() ? null : jobFileContent.toByteArray());
      job.executeUpdate();
      upsert(c, steps);
    });
  }

  @Override
  public void commit(Collection<StoredStep> steps) {
    if (steps.isEmpty()) {
      return;
    }
    List<StoredStep> copy = List.copyOf(steps);
    write("commit " + copy.size() + " step(s)", c -> upsert(c, copy));
  }

  @Override
  public void commitLater(Collection<StoredStep> steps) {
    if (steps.isEmpty()) {
      return;
    }
    GroupCommitter w;
    synchronized (this) {
      w = writer;
    }
    List<StoredStep> copy = List.copyOf(steps);
    if (w == null) {
      LOG.warn("job store {} is not open: {} step(s) not written", file, copy.size());
      return;
    }
    w.submitLater(c -> upsert(c, copy)).whenComplete((ok, e) -> {
      if (e != null) {
        LOG.warn("job store {}: {} step(s) written later were not: {}", file, copy.size(), e.getMessage());
      }
    });
  }

  @Override
  public void commit(Collection<StoredStep> steps, Map<String, Permit> permits) {
    if (permits.isEmpty()) {
      commit(steps);
      return;
    }
    List<StoredStep> copy = List.copyOf(steps);
    Map<String, Permit> permitsCopy = Map.copyOf(permits);
    write("commit " + copy.size() + " step(s) with " + permitsCopy.size() + " permit(s)", c -> {
      upsert(c, copy);
      PreparedStatement ps = statements.of(c, "INSERT OR REPLACE INTO permits (step_id, permit) VALUES (?, ?)");
      for (Map.Entry<String, Permit> permit : permitsCopy.entrySet()) {
        ps.setString(1, permit.getKey());
        ps.setBytes(2, permit.getValue().toByteArray());
        ps.addBatch();
      }
      ps.executeBatch();
    });
  }

  @Override
  public synchronized Map<String, Permit> loadPermits() {
    try (PreparedStatement ps = connection().prepareStatement("SELECT p.step_id, p.permit FROM permits p"
        + " JOIN steps s ON s.step_id = p.step_id WHERE s.terminal = 0")) {
      Map<String, Permit> permits = new HashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          permits.put(rs.getString(1), Permit.parseFrom(rs.getBytes(2)));
        }
      }
      return permits;
    } catch (SQLException | InvalidProtocolBufferException e) {
      throw failure("read the permits", e);
    }
  }

  @Override
  public synchronized List<StoredStep> loadActive() {
    return select("SELECT " + COLUMNS + " FROM steps WHERE terminal = 0"
        + " ORDER BY job_number, step_number", Set.of());
  }

  @Override
  public synchronized List<StoredStep> loadFinished(Set<String> owners) {
    return select("SELECT " + COLUMNS + " FROM steps WHERE terminal = 1" + in("owner", owners.size())
        + " ORDER BY job_number, step_number", owners);
  }

  @Override
  public synchronized List<StoredStep> loadFinished(Set<String> owners, Set<Long> jobs, long afterJob, int afterStep,
      int limit) {
    try (PreparedStatement ps = connection().prepareStatement("SELECT " + COLUMNS + " FROM steps WHERE terminal = 1"
        + in("owner", owners.size()) + in("job_number", jobs.size())
        + " AND (job_number > ? OR (job_number = ? AND step_number > ?))"
        + " ORDER BY job_number, step_number LIMIT ?")) {
      int i = 1;
      for (String owner : owners) {
        ps.setString(i++, owner);
      }
      for (long job : jobs) {
        ps.setLong(i++, job);
      }
      ps.setLong(i++, afterJob);
      ps.setLong(i++, afterJob);
      ps.setInt(i++, afterStep);
      ps.setInt(i, limit);
      return read(ps);
    } catch (SQLException e) {
      throw failure("read steps", e);
    }
  }

  @Override
  public synchronized List<StoredStep> loadJob(long jobNumber) {
    try (PreparedStatement ps = connection().prepareStatement(
        "SELECT " + COLUMNS + " FROM steps WHERE job_number = ? ORDER BY step_number")) {
      ps.setLong(1, jobNumber);
      return read(ps);
    } catch (SQLException e) {
      throw failure("read the steps of job " + jobNumber, e);
    }
  }

  @Override
  public synchronized Optional<ByteString> jobFile(long jobNumber) {
    try (PreparedStatement ps = connection().prepareStatement("SELECT job_file FROM jobs WHERE job_number = ?")) {
      ps.setLong(1, jobNumber);
      try (ResultSet rs = ps.executeQuery()) {
        Optional<ByteString> result = Optional.empty();
        if (rs.next()) {
          byte[] bytes = rs.getBytes(1);
          result = bytes == null ? Optional.empty() : Optional.of(ByteString.copyFrom(bytes));
        }
        return result;
      }
    } catch (SQLException e) {
      throw failure("read the job file of job " + jobNumber, e);
    }
  }

  private List<StoredStep> select(String sql, Set<String> parameters) {
    try (PreparedStatement ps = connection().prepareStatement(sql)) {
      int i = 1;
      for (String p : parameters) {
        ps.setString(i++, p);
      }
      return read(ps);
    } catch (SQLException e) {
      throw failure("read steps", e);
    }
  }

  /** {@code " AND column IN (?, ...)"} with {@code n} parameters; nothing when {@code n} is 0 (no filter). */
  private static String in(String column, int n) {
    return n == 0 ? "" : " AND " + column + " IN (" + "?,".repeat(n - 1) + "?)";
  }

  /**
   * The steps {@code ps} selects ({@link #COLUMNS}), as compact steps: the statuses stay encoded
   * until asked for, and each owner's name is one string, however many steps it has.
   */
  private static List<StoredStep> read(PreparedStatement ps) throws SQLException {
    List<StoredStep> steps = new ArrayList<>();
    Map<String, String> owners = new HashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String owner = rs.getString(5);
        steps.add(StoredStep.encoded(rs.getLong(1), rs.getInt(2), rs.getString(3), StepState.valueOf(rs.getString(4)),
            owners.computeIfAbsent(owner, o -> o), rs.getBytes(6)));
      }
    }
    return steps;
  }

  private void upsert(Connection c, Collection<StoredStep> steps) throws SQLException {
    PreparedStatement ps = statements.of(c, UPSERT_STEP);
    PreparedStatement drop = statements.of(c, "DELETE FROM permits WHERE step_id = ?");
    boolean dropping = false;
    for (StoredStep step : steps) {
      ps.setString(1, step.stepId());
      ps.setLong(2, step.jobNumber());
      ps.setInt(3, step.stepNumber());
      ps.setString(4, step.state().name());
      ps.setInt(5, step.state().isTerminal() ? 1 : 0);
      ps.setString(6, step.owner());
      ps.setBytes(7, step.encodedStatus());
      ps.addBatch();
      if (!step.state().isDispatched()) {
        drop.setString(1, step.stepId());
        drop.addBatch();
        dropping = true;
      }
    }
    ps.executeBatch();
    if (dropping) {
      drop.executeBatch();
    }
  }


  /** Queues {@code work} on the writer and waits until it is committed. */
  private void write(String what, GroupCommitter.Work work) {
    GroupCommitter w;
    synchronized (this) {
      w = writer;
    }
    if (w == null) {
      throw OpenllException.unavailable("job store " + file + " is not open", null);
    }
    try {
      w.submit(work).get();
    } catch (ExecutionException e) {
      throw failure(what, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // the write may still commit: the caller must not tell anyone it did, nor that it did not
      throw OpenllException.unavailable("interrupted while the job store committed: " + what, e);
    }
  }

  private Connection connection() {
    if (connection == null) {
      throw OpenllException.unavailable("job store " + file + " is not open", null);
    }
    return connection;
  }

  private OpenllException failure(String what, Throwable e) {
    Optional<StoreErrors.DiskTrouble> disk = StoreErrors.diskTrouble(e);
    if (disk.isPresent()) {
      LOG.error("job store {}: cannot {}: {} ({})", file, what, disk.get(), e.getMessage());
      return OpenllException.resourceExhausted("schedd spool " + file.toAbsolutePath().getParent() + ": "
          + disk.get() + ": cannot " + what + " in " + file.getFileName()
          + "; the store keeps what it had and takes writes again once the disk does");
    }
    LOG.error("job store {}: cannot {}", file, what, e);
    return OpenllException.unavailable("job store cannot " + what + ": " + e.getMessage(), e);
  }
}
