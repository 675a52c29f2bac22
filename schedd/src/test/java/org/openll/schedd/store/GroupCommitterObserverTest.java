package org.openll.schedd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitterObserverTest {
  @TempDir Path dir;

  @Test
  void observeCommits_sqliteStore_toldOfEachCommitWithItsDuration() {
    List<Long> commits = new CopyOnWriteArrayList<>();
    SqliteJobStore store = new SqliteJobStore(dir.resolve("queue.db"));
    store.observeCommits(commits::add);
    store.open();
    try {
      store.commitJob(1, ByteString.EMPTY, List.of());
      store.commitJob(2, ByteString.EMPTY, List.of());
    } finally {
      store.close();
    }

    assertEquals(2, commits.size(), commits.toString());
    assertTrue(commits.stream().allMatch(nanos -> nanos > 0), commits.toString());
  }
}
