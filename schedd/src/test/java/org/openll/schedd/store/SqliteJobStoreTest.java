package org.openll.schedd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.openll.api.v1.StateChange;
import org.openll.api.v1.StepStatus;
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
}
