package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.StepStatus;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;
import org.openll.common.time.FakeClock;
import org.openll.schedd.store.SqliteJobStore;

/** QuerySteps page by page over a real store: every step once, in queue order, the history merged in. */
class QueryPagesTest {
  final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
  @TempDir
  Path dir;
  SqliteJobStore store;
  JobQueue queue;

  @BeforeEach
  void setUp() {
    queue = open();
    for (String owner : List.of("alice", "bob", "alice")) {
      queue.submit(JobQueueTest.job(JobQueueTest.step("a"), JobQueueTest.step("b"), JobQueueTest.step("c")), owner);
    }
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  JobQueue open() {
    store = new SqliteJobStore(dir.resolve("queue.db"));
    store.open();
    JobQueue q = new JobQueue(store, new RecordingNegotiator(), new FakeStartdClient(),
        new JobQueueTest.FixedEndpoint(JobQueueTest.HOST, JobQueueTest.ADDRESS), clock, clock.scheduler(), 5);
    q.recover();
    return q;
  }

  /** Every page of the query, the last one's token empty, and each page's size. */
  List<String> readAll(List<String> ids, Set<String> owners, boolean finished, int pageSize, List<Integer> sizes) {
    List<String> seen = new ArrayList<>();
    String token = "";
    do {
      StepPages.Page page = queue.queryPage(ids, owners, finished, pageSize, token);
      page.steps().forEach(s -> seen.add(s.getStepId()));
      sizes.add(page.steps().size());
      token = page.nextPageToken();
    } while (!token.isEmpty());
    return seen;
  }

  @Test
  void queryPage_pagesOfFour_listEveryStepOnceInQueueOrder() {
    List<Integer> sizes = new ArrayList<>();

    List<String> seen = readAll(List.of(), Set.of(), false, 4, sizes);

    assertEquals(List.of("node1.1.0", "node1.1.1", "node1.1.2", "node1.2.0", "node1.2.1", "node1.2.2", "node1.3.0",
        "node1.3.1", "node1.3.2"), seen);
    assertEquals(List.of(4, 4, 1), sizes);
  }

  @Test
  void queryPage_noPageSize_answersTheWholeSmallQueueInOnePage() {
    StepPages.Page page = queue.queryPage(List.of(), Set.of(), false, 0, "");

    assertEquals(9, page.steps().size());
    assertEquals("", page.nextPageToken());
  }

  @Test
  void queryPage_owner_listsOnlyThatOwnersSteps() {
    List<String> seen = readAll(List.of(), Set.of("bob"), false, 2, new ArrayList<>());

    assertEquals(List.of("node1.2.0", "node1.2.1", "node1.2.2"), seen);
  }

  @Test
  void queryPage_withHistory_mergesFinishedStepsInQueueOrder() {
    queue.cancel(List.of("node1.1.1", "node1.3.0"), "alice");

    List<String> seen = readAll(List.of("1", "3"), Set.of(), true, 2, new ArrayList<>());

    assertEquals(List.of("node1.1.0", "node1.1.1", "node1.1.2", "node1.3.0", "node1.3.1", "node1.3.2"), seen);
    assertEquals(List.of("node1.1.0", "node1.1.2", "node1.3.1", "node1.3.2"),
        readAll(List.of("1", "3"), Set.of(), false, 2, new ArrayList<>()));
  }

  @Test
  void queryPage_historyLongerThanAPage_readsOnUntilItsEnd() {
    queue.cancel(List.of("1"), "alice");
    queue.cancel(List.of("2"), "bob");

    List<String> seen = readAll(List.of(), Set.of(), true, 2, new ArrayList<>());

    assertEquals(9, seen.size());
    assertEquals(seen.stream().sorted().toList(), seen);
  }

  @Test
  void queryPage_stepIdAmongMoreFinishedStepsThanAPage_endsAfterTheHistory() {
    queue.cancel(List.of("1"), "alice");

    List<Integer> sizes = new ArrayList<>();
    List<String> seen = readAll(List.of("1.2"), Set.of(), true, 1, sizes);

    assertEquals(List.of("node1.1.2"), seen);
    assertTrue(sizes.size() <= 3, "pages: " + sizes);
  }

  @Test
  void queryPage_tokenNotGiven_isInvalidArgument() {
    OpenllException e = assertThrows(OpenllException.class, () -> queue.queryPage(List.of(), Set.of(), false, 0, "x.1"));

    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains("page_token"), e.getMessage());
  }

  @Test
  void recover_compactWaitingSteps_answersTheSameStatusesAfterARestart() {
    queue.hold(List.of("2.1"), org.openll.api.v1.HoldType.HOLD_TYPE_USER, "bob");
    List<StepStatus> before = queue.query(List.of(), Set.of(), true);
    store.close();

    queue = open();

    assertEquals(before, queue.query(List.of(), Set.of(), true));
    assertEquals(before, queue.queryPage(List.of(), Set.of(), true, 0, "").steps());
  }
}
