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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.StepStatus;
import org.openll.common.errors.OpenllException;

/**
 * The {@link JobStore} in one SQLite file ({@code spool/schedd/queue.db}), in WAL mode with
 * {@code synchronous=FULL}, so a committed transaction survives a power loss. One connection,
 * used under this object's lock: every method is serialised. Each step row carries the columns
 * the queries filter on (owner, state, terminal) and the whole {@link StepStatus} as a blob.
 */
public final class SqliteJobStore implements JobStore {
  private static final Logger LOG = LogManager.getLogger(SqliteJobStore.class);
  private static final int SCHEMA_VERSION = 1;
  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS jobs (job_number INTEGER PRIMARY KEY, job_file BLOB)",
    "CREATE TABLE IF NOT EXISTS steps (step_id TEXT PRIMARY KEY, job_number INTEGER NOT NULL,"
        + " step_number INTEGER NOT NULL, state TEXT NOT NULL, terminal INTEGER NOT NULL,"
        + " owner TEXT NOT NULL, status BLOB NOT NULL)",
    "CREATE INDEX IF NOT EXISTS steps_by_terminal ON steps (terminal, job_number, step_number)",
    "CREATE INDEX IF NOT EXISTS steps_by_owner ON steps (owner, terminal)",
  };
  private static final String UPSERT_STEP =
      "INSERT INTO steps (step_id, job_number, step_number, state, terminal, owner, status)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (step_id) DO UPDATE SET state = excluded.state,"
          + " terminal = excluded.terminal, owner = excluded.owner, status = excluded.status";
  private static final String JOB_COUNTER = "job_number";

  private final Path file;
  private Connection connection;

  public SqliteJobStore(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void open() {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement st = connection.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=FULL");
        st.execute("PRAGMA busy_timeout=5000");
      }
      connection.setAutoCommit(false);
      try (Statement st = connection.createStatement()) {
        for (String ddl : SCHEMA) {
          st.execute(ddl);
        }
        st.execute("PRAGMA user_version=" + SCHEMA_VERSION);
      }
      connection.commit();
      LOG.info("job store {} open", file);
    } catch (SQLException | IOException e) {
      throw OpenllException.unavailable("cannot open job store " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
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

  @Override
  public synchronized long lastJobNumber() {
    try (PreparedStatement ps = connection().prepareStatement("SELECT value FROM counters WHERE name = ?")) {
      ps.setString(1, JOB_COUNTER);
      try (ResultSet rs = ps.executeQuery()) {
        long value = rs.next() ? rs.getLong(1) : 0;
        connection.commit();
        return value;
      }
    } catch (SQLException e) {
      throw failure("read the job counter", e);
    }
  }

  @Override
  public synchronized void commitJob(long jobNumber, ByteString jobFileContent, Collection<StoredStep> steps) {
    inTransaction("commit job " + jobNumber, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO counters (name, value) VALUES (?, ?)"
              + " ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)")) {
        ps.setString(1, JOB_COUNTER);
        ps.setLong(2, jobNumber);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO jobs (job_number, job_file) VALUES (?, ?)")) {
        ps.setLong(1, jobNumber);
        ps.setBytes(2, jobFileContent.isEmpty() ? null : jobFileContent.toByteArray());
        ps.executeUpdate();
      }
      upsert(c, steps);
    });
  }

  @Override
  public synchronized void commit(Collection<StoredStep> steps) {
    if (steps.isEmpty()) {
      return;
    }
    inTransaction("commit " + steps.size() + " step(s)", c -> upsert(c, steps));
  }

  @Override
  public synchronized List<StoredStep> loadActive() {
    return select("SELECT job_number, step_number, status FROM steps WHERE terminal = 0"
        + " ORDER BY job_number, step_number", Set.of());
  }

  @Override
  public synchronized List<StoredStep> loadFinished(Set<String> owners) {
    String ownerFilter = owners.isEmpty() ? "" : " AND owner IN (" + "?,".repeat(owners.size() - 1) + "?)";
    return select("SELECT job_number, step_number, status FROM steps WHERE terminal = 1" + ownerFilter
        + " ORDER BY job_number, step_number", owners);
  }

  @Override
  public synchronized List<StoredStep> loadJob(long jobNumber) {
    try (PreparedStatement ps = connection().prepareStatement(
        "SELECT job_number, step_number, status FROM steps WHERE job_number = ? ORDER BY step_number")) {
      ps.setLong(1, jobNumber);
      List<StoredStep> steps = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          steps.add(new StoredStep(rs.getLong(1), rs.getInt(2), StepStatus.parseFrom(rs.getBytes(3))));
        }
      }
      connection.commit();
      return steps;
    } catch (SQLException | InvalidProtocolBufferException e) {
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
        connection.commit();
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
      List<StoredStep> steps = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          steps.add(new StoredStep(rs.getLong(1), rs.getInt(2), StepStatus.parseFrom(rs.getBytes(3))));
        }
      }
      connection.commit();
      return steps;
    } catch (SQLException | InvalidProtocolBufferException e) {
      throw failure("read steps", e);
    }
  }

  private static void upsert(Connection c, Collection<StoredStep> steps) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPSERT_STEP)) {
      for (StoredStep step : steps) {
        ps.setString(1, step.stepId());
        ps.setLong(2, step.jobNumber());
        ps.setInt(3, step.stepNumber());
        ps.setString(4, step.state().name());
        ps.setInt(5, step.state().isTerminal() ? 1 : 0);
        ps.setString(6, step.owner());
        ps.setBytes(7, step.status().toByteArray());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private void inTransaction(String what, Work work) {
    Connection c = connection();
    try {
      work.run(c);
      c.commit();
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw failure(what, e);
    }
  }

  private Connection connection() {
    if (connection == null) {
      throw OpenllException.unavailable("job store " + file + " is not open", null);
    }
    return connection;
  }

  private OpenllException failure(String what, Exception e) {
    LOG.error("job store {}: cannot {}", file, what, e);
    return OpenllException.unavailable("job store cannot " + what + ": " + e.getMessage(), e);
  }
}
