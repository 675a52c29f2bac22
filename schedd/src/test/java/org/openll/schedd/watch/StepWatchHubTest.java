package org.openll.schedd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.StepEvent;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepStatus;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;

class StepWatchHubTest {
  static final class ListSink implements WatchSink {
    final List<StepEvent> events = new ArrayList<>();
    OpenllException error;
    boolean ready = true;

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void send(StepEvent event) {
      events.add(event);
    }

    @Override
    public void fail(OpenllException e) {
      error = e;
    }

    List<String> changes() {
      return events.stream().filter(e -> !e.getSnapshot() && !e.getSnapshotComplete())
          .map(e -> e.getStep().getStepId() + " " + e.getStep().getState()).toList();
    }
  }

  final StepWatchHub hub = new StepWatchHub(7, 5, 3, Runnable::run);

  static StepStatus step(String id, String owner, StepState state) {
    return StepStatus.newBuilder().setStepId(id).setOwner(owner).setState(state).build();
  }

  static WatchFilter all() {
    return WatchFilter.of(List.of(), Set.of(), "node1");
  }

  @Test
  void watch_snapshotThenChanges_markerBetweenAndChangesInCommitOrder() {
    ListSink sink = new ListSink();
    hub.watch(all(), () -> List.of(step("node1.1.0", "ann", StepState.STEP_STATE_IDLE)), sink);
    hub.changed(List.of(step("node1.1.0", "ann", StepState.STEP_STATE_PENDING),
        step("node1.1.0", "ann", StepState.STEP_STATE_STARTING)));
    hub.changed(List.of(step("node1.1.0", "ann", StepState.STEP_STATE_RUNNING)));

    assertTrue(sink.events.get(0).getSnapshot());
    assertEquals("node1.1.0", sink.events.get(0).getStep().getStepId());
    assertTrue(sink.events.get(1).getSnapshotComplete());
    assertEquals(List.of("node1.1.0 STEP_STATE_PENDING", "node1.1.0 STEP_STATE_STARTING", "node1.1.0 STEP_STATE_RUNNING"),
        sink.changes());
    assertEquals(List.of(1L, 2L, 3L), sink.events.subList(2, 5).stream().map(StepEvent::getSequence).toList());
    assertEquals("7.3", sink.events.get(4).getResumeToken());
  }

  @Test
  void watch_filterByIdAndOwner_onlyMatchingChanges() {
    ListSink byJob = new ListSink();
    ListSink byOwner = new ListSink();
    hub.watch(WatchFilter.of(List.of("2"), Set.of(), "node1"), List::of, byJob);
    hub.watch(WatchFilter.of(List.of(), Set.of("bob"), "node1"), List::of, byOwner);

    hub.changed(List.of(step("node1.1.0", "bob", StepState.STEP_STATE_IDLE), step("node1.2.1", "ann", StepState.STEP_STATE_IDLE)));

    assertEquals(List.of("node1.2.1 STEP_STATE_IDLE"), byJob.changes());
    assertEquals(List.of("node1.1.0 STEP_STATE_IDLE"), byOwner.changes());
  }

  @Test
  void resume_tokenInHistory_everyLaterChangeOnceAndNoSnapshot() {
    ListSink first = new ListSink();
    hub.watch(all(), List::of, first);
    hub.changed(List.of(step("node1.1.0", "ann", StepState.STEP_STATE_IDLE), step("node1.1.0", "ann", StepState.STEP_STATE_PENDING)));
    String token = first.events.get(2).getResumeToken(); // after the marker and change 1: change 2
    hub.changed(List.of(step("node1.1.0", "ann", StepState.STEP_STATE_STARTING)));

    ListSink resumed = new ListSink();
    hub.resume(all(), token, resumed);
    hub.changed(List.of(step("node1.1.0", "ann", StepState.STEP_STATE_RUNNING)));

    assertEquals(List.of(2L, 3L, 4L), first.events.subList(2, 5).stream().map(StepEvent::getSequence).toList());
    assertEquals(List.of("node1.1.0 STEP_STATE_PENDING", "node1.1.0 STEP_STATE_STARTING", "node1.1.0 STEP_STATE_RUNNING"),
        first.changes().subList(1, 4));
    assertEquals(List.of("node1.1.0 STEP_STATE_STARTING", "node1.1.0 STEP_STATE_RUNNING"), resumed.changes());
    assertEquals(2, resumed.events.size());
  }

  @Test
  void resume_tokenOlderThanHistoryOrOtherRun_failedPrecondition() {
    for (int i = 0; i < 8; i++) {
      hub.changed(List.of(step("node1.1.0", "ann", StepState.STEP_STATE_IDLE)));
    }
    OpenllException old = assertThrows(OpenllException.class, () -> hub.resume(all(), "7.1", new ListSink()));
    assertEquals(ErrorCode.FAILED_PRECONDITION, old.code());
    assertTrue(old.getMessage().startsWith("resume token too old; query again"));
    assertEquals(ErrorCode.FAILED_PRECONDITION,
        assertThrows(OpenllException.class, () -> hub.resume(all(), "6.8", new ListSink())).code());
    assertEquals(ErrorCode.INVALID_ARGUMENT,
        assertThrows(OpenllException.class, () -> hub.resume(all(), "garbage", new ListSink())).code());
    ListSink kept = new ListSink();
    hub.resume(all(), "7.3", kept); // changes 4..8 are kept (history of 5)
    assertEquals(5, kept.events.size());
  }

  @Test
  void watcher_stopsReading_droppedWithResourceExhaustedAndOthersUnaffected() {
    ListSink slow = new ListSink();
    slow.ready = false;
    ListSink fast = new ListSink();
    hub.watch(all(), List::of, slow);
    hub.watch(all(), List::of, fast);

    for (int i = 0; i < 6; i++) {
      hub.changed(List.of(step("node1.1.0", "ann", StepState.STEP_STATE_IDLE)));
    }

    assertEquals(ErrorCode.RESOURCE_EXHAUSTED, slow.error.code());
    assertTrue(slow.events.isEmpty());
    assertEquals(6, fast.changes().size());
    assertEquals(1, hub.watcherCount());
  }

  @Test
  void watcher_notReadyThenReady_sendsWhatWaitedInOrder() {
    ListSink sink = new ListSink();
    sink.ready = false;
    Watcher watcher = hub.watch(all(), List::of, sink);
    hub.changed(List.of(step("node1.1.0", "ann", StepState.STEP_STATE_IDLE)));
    hub.changed(List.of(step("node1.1.0", "ann", StepState.STEP_STATE_PENDING)));
    assertTrue(sink.events.isEmpty());

    sink.ready = true;
    watcher.onReady();

    assertEquals(List.of("node1.1.0 STEP_STATE_IDLE", "node1.1.0 STEP_STATE_PENDING"), sink.changes());
    assertFalse(watcher.isClosed());
  }
}
