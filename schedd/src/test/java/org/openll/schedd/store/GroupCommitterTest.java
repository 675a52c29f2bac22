package org.openll.schedd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitterTest {
  @TempDir
  Path dir;

  GroupCommitter committer;

  @BeforeEach
  void setUp() throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (v INTEGER PRIMARY KEY)");
    }
    committer = new GroupCommitter("test-writer", () -> {
      Connection c = connect();
      c.setAutoCommit(false);
      return c;
    }, 100);
    committer.start();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    committer.stop();
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
  }

  static GroupCommitter.Work insert(int v) {
    return c -> {
      try (Statement st = c.createStatement()) {
        st.execute("INSERT INTO t (v) VALUES (" + v + ")");
      }
    };
  }

  List<Integer> rows() throws SQLException {
    List<Integer> rows = new ArrayList<>();
    try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT v FROM t ORDER BY v")) {
      while (rs.next()) {
        rows.add(rs.getInt(1));
      }
    }
    return rows;
  }

  @Test
  void submit_writesQueuedDuringACommit_committedTogetherInOneTransaction() throws Exception {
    CountDownLatch inFirst = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> first = committer.submit(c -> {
      inFirst.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new SQLException(e);
      }
      insert(0).run(c);
    });
    assertTrue(inFirst.await(10, TimeUnit.SECONDS));
    List<CompletableFuture<Void>> rest = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      rest.add(committer.submit(insert(i)));
    }

    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<Void> f : rest) {
      f.get(10, TimeUnit.SECONDS);
    }

    assertEquals(2, committer.transactions());
    assertEquals(8, committer.writes());
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), rows());
  }

  @Test
  void submit_oneWriteFails_onlyThatWriteRolledBack() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> blocker = committer.submit(c -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new SQLException(e);
      }
    });
    CompletableFuture<Void> good = committer.submit(insert(1));
    CompletableFuture<Void> bad = committer.submit(c -> {
      insert(2).run(c);
      insert(1).run(c); // duplicate key
    });
    CompletableFuture<Void> after = committer.submit(insert(3));

    release.countDown();
    blocker.get(10, TimeUnit.SECONDS);
    good.get(10, TimeUnit.SECONDS);
    after.get(10, TimeUnit.SECONDS);

    ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof SQLException);
    assertEquals(List.of(1, 3), rows());
  }

  @Test
  void submit_afterStop_failsAtOnce() throws Exception {
    committer.stop();
    ExecutionException e = assertThrows(ExecutionException.class, () -> committer.submit(insert(1)).get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("closed"));
  }
}
