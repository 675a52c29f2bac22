package org.openll.schedd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.Permit;
import org.openll.api.v1.StateChange;
import org.openll.api.v1.StepStatus;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;

class SqliteJobStoreTest {
  @TempDir
  Path dir;

  SqliteJobStore store;

  @AfterEach
  void tearDown() {
    if (store != null) {
      store.close();
    }
  }

  SqliteJobStore open() {
    if (store != null) {
      store.close();
    }
    store = new SqliteJobStore(dir.resolve("spool/schedd/queue.db"));
    store.open();
    return store;
  }

  static StoredStep step(long job, int step, String owner, StepState state) {
    StepStatus status = StepStatus.newBuilder()
        .setStepId("h." + job + "." + step).setJobId("h." + job).setOwner(owner)
        .setState(StepStateProtos.toProto(state))
        .addHistory(StateChange.newBuilder().setState(StepStateProtos.toProto(state)).setMessage("m"))
        .build();
    return new StoredStep(job, step, status);
  }

  @Test
  void open_newFile_emptyStoreInWalMode() throws Exception {
    open();
    assertEquals(0, store.lastJobNumber());
    assertTrue(store.loadActive().isEmpty());
    assertTrue(Files.exists(store.file()));
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertEquals("wal", rs.getString(1));
    }
  }

  @Test
  void reopen_afterClose_keepsEveryStepAndTheJobCounter() {
    open().commitJob(1, ByteString.copyFromUtf8("#!/bin/sh"),
        List.of(step(1, 0, "alice", StepState.IDLE), step(1, 1, "alice", StepState.IDLE)));
    store.commitJob(2, ByteString.EMPTY, List.of(step(2, 0, "bob", StepState.IDLE)));
    store.commit(List.of(step(1, 1, "alice", StepState.COMPLETED)));

    open();

    assertEquals(2, store.lastJobNumber());
    assertEquals(List.of(step(1, 0, "alice", StepState.IDLE), step(2, 0, "bob", StepState.IDLE)), store.loadActive());
    assertEquals(List.of(step(1, 1, "alice", StepState.COMPLETED)), store.loadFinished(Set.of()));
    assertEquals(Optional.of(ByteString.copyFromUtf8("#!/bin/sh")), store.jobFile(1));
    assertEquals(Optional.empty(), store.jobFile(2));
  }

  @Test
  void commit_updatesExistingStep_lastVersionWins() {
    open().commitJob(1, ByteString.EMPTY, List.of(step(1, 0, "alice", StepState.IDLE)));
    store.commit(List.of(step(1, 0, "alice", StepState.PENDING)));
    store.commit(List.of(step(1, 0, "alice", StepState.STARTING)));

    assertEquals(List.of(step(1, 0, "alice", StepState.STARTING)), open().loadActive());
  }

  @Test
  void commitLater_thenCommit_bothWrittenInOrder_andKeptAfterReopen() {
    open().commitJob(1, ByteString.EMPTY, List.of(step(1, 0, "alice", StepState.IDLE), step(1, 1, "alice", StepState.IDLE)));
    store.commitLater(List.of(step(1, 0, "alice", StepState.STARTING)));
    store.commitLater(List.of(step(1, 1, "alice", StepState.STARTING)));
    store.commit(List.of(step(1, 1, "alice", StepState.PENDING)));

    // (GroupCommitterTest shows that they share the awaited write's transaction)
    assertEquals(List.of(step(1, 0, "alice", StepState.STARTING), step(1, 1, "alice", StepState.PENDING)),
        open().loadActive());
  }

  @Test
  void loadFinished_byOwner_onlyThoseOwners() {
    open().commitJob(1, ByteString.EMPTY, List.of(step(1, 0, "alice", StepState.REMOVED)));
    store.commitJob(2, ByteString.EMPTY, List.of(step(2, 0, "bob", StepState.COMPLETED)));
    store.commitJob(3, ByteString.EMPTY, List.of(step(3, 0, "carol", StepState.COMPLETED)));

    assertEquals(List.of("h.1.0", "h.3.0"),
        store.loadFinished(Set.of("alice", "carol")).stream().map(StoredStep::stepId).toList());
  }

  @Test
  void commitJob_lowerNumber_counterNeverGoesBack() {
    open().commitJob(5, ByteString.EMPTY, List.of(step(5, 0, "a", StepState.IDLE)));
    store.commitJob(3, ByteString.EMPTY, List.of(step(3, 0, "a", StepState.IDLE)));
    assertEquals(5, open().lastJobNumber());
  }

  @Test
  void commitPending_thenMovedOn_permitKeptOnlyWhileDispatched() {
    open();
    StoredStep pending = step(1, 0, "alice", StepState.PENDING);
    Permit permit = Permit.newBuilder().setStepId(pending.stepId()).setMachine("m1").setClaimSecret("s").build();
    store.commitJob(1, ByteString.EMPTY, List.of(step(1, 0, "alice", StepState.IDLE)));

    store.commitPending(pending, permit);
    assertEquals(java.util.Map.of(pending.stepId(), permit), open().loadPermits());

    store.commit(List.of(step(1, 0, "alice", StepState.STARTING)));
    assertEquals(java.util.Map.of(pending.stepId(), permit), open().loadPermits());

    store.commit(List.of(step(1, 0, "alice", StepState.IDLE)));
    assertTrue(open().loadPermits().isEmpty());
  }

  @Test
  void commitJob_diskFull_resourceExhaustedNamingTheFileKeepsWhatItHadAndRecovers() throws Exception {
    Path file = dir.resolve("spool/schedd/queue.db");
    store = new SqliteJobStore(file, new FreeSpaceFloor(file.getParent(), 0, d -> 0), 0);
    store.open();
    store.commitJob(1, ByteString.EMPTY, List.of(step(1, 0, "alice", StepState.IDLE)));
    long pages;
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA page_count")) {
      pages = rs.getLong(1);
    }
    store.maxPageCount(pages);
    store.close();
    store = new SqliteJobStore(file, new FreeSpaceFloor(file.getParent(), 0, d -> 0), pages);
    store.open();
    ByteString big = ByteString.copyFrom(new byte[64 * 1024]);

    OpenllException e = assertThrows(OpenllException.class,
        () -> store.commitJob(2, big, List.of(step(2, 0, "alice", StepState.IDLE))));

    assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
    assertTrue(e.getMessage().startsWith("schedd spool " + file.toAbsolutePath().getParent()
        + ": disk full (SQLITE_FULL): cannot commit job 2 in queue.db"), e.getMessage());
    assertEquals(1, store.lastJobNumber());
    assertEquals(List.of("h.1.0"), store.loadActive().stream().map(StoredStep::stepId).toList());

    store.maxPageCount(0);
    store.commitJob(2, big, List.of(step(2, 0, "alice", StepState.IDLE)));
    store.close();
    store = new SqliteJobStore(file);
    store.open();
    assertEquals(2, store.lastJobNumber());
    assertEquals(big, store.jobFile(2).orElseThrow());
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      assertEquals("ok", rs.getString(1));
    }
  }

  @Test
  void commitJob_belowTheFreeSpaceFloor_refusedButTransitionsOfQueuedStepsStillCommitted() {
    Path file = dir.resolve("spool/schedd/queue.db");
    java.util.concurrent.atomic.AtomicLong free = new java.util.concurrent.atomic.AtomicLong(1L << 30);
    store = new SqliteJobStore(file, new FreeSpaceFloor(file.getParent(), 16L << 20, d -> free.get()), 0);
    store.open();
    store.commitJob(1, ByteString.EMPTY, List.of(step(1, 0, "alice", StepState.IDLE)));
    free.set(1L << 20);

    OpenllException e = assertThrows(OpenllException.class,
        () -> store.commitJob(2, ByteString.EMPTY, List.of(step(2, 0, "alice", StepState.IDLE))));
    store.commit(List.of(step(1, 0, "alice", StepState.RUNNING)));

    assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
    assertTrue(e.getMessage().startsWith("schedd spool " + file.getParent() + ": disk full (1.0 MB free"), e.getMessage());
    assertEquals(1, store.lastJobNumber());
    assertEquals(StepState.RUNNING, store.loadActive().get(0).state());
    free.set(1L << 30);
    store.commitJob(2, ByteString.EMPTY, List.of(step(2, 0, "alice", StepState.IDLE)));
    assertEquals(2, store.loadActive().size());
  }

  @Test
  void open_storeAlreadyAtThisSchema_writesNothing() throws Exception {
    open().commitJob(1, ByteString.EMPTY, List.of(step(1, 0, "alice", StepState.IDLE)));
    store.close();
    Path wal = dir.resolve("spool/schedd/queue.db-wal");

    open();

    assertEquals(0, Files.exists(wal) ? Files.size(wal) : 0, "WAL bytes written by open");
    assertEquals(1, store.loadActive().size());
  }

  @Test
  void commit_concurrentWriters_shareTransactions() throws Exception {
    open();
    int writers = 8;
    int each = 25;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int base = w * each;
        done.add(pool.submit(() -> {
          go.await();
          for (int i = 1; i <= each; i++) {
            store.commitJob(base + i, ByteString.EMPTY, List.of(step(base + i, 0, "alice", StepState.IDLE)));
          }
          return null;
        }));
      }
      go.countDown();
      for (var f : done) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(writers * each, store.loadActive().size());
    assertEquals(writers * each, store.lastJobNumber());
    assertTrue(store.transactions() <= writers * each, "transactions " + store.transactions());
  }
}
