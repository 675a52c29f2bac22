package org.openll.schedd.watch;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.StepEvent;
import org.openll.common.errors.OpenllException;

/**
 * One watcher: its initial events (snapshot and marker, or a resume's replay), then the changes
 * it pulls from the {@link StepWatchHub}'s history after its cursor. Pulling and sending run on an
 * executor, never on the commit path; events are sent only while the sink is ready. At most
 * {@code limit} changes are pulled ahead of the sink: a watcher with more than {@code limit}
 * matching changes unsent while its sink is not ready is closed with RESOURCE_EXHAUSTED and its
 * events dropped, so a resume after a long gap streams through as long as the client reads.
 */
public final class Watcher {
  private static final Logger LOG = LogManager.getLogger(Watcher.class);

  private final StepWatchHub hub;
  private final WatchFilter filter;
  private final WatchSink sink;
  private final Executor executor;
  private final int limit;
  private final Object lock = new Object();
  private final ArrayDeque<StepEvent> initial;
  private final ArrayDeque<StepEvent> pending = new ArrayDeque<>();
  private long cursor;
  private boolean scheduled;
  private volatile boolean closed; // read without the lock by the hub, which must never wait for a watcher

  /** @param cursor the sequence of the last change already covered by {@code initial} */
  Watcher(StepWatchHub hub, WatchFilter filter, WatchSink sink, Executor executor, int limit,
      List<StepEvent> initial, long cursor) {
    this.hub = hub;
    this.filter = filter;
    this.sink = sink;
    this.executor = executor;
    this.limit = limit;
    this.initial = new ArrayDeque<>(initial);
    this.cursor = cursor;
  }

  /** New changes were published, or the sink became ready again (gRPC's onReady): drain unless a drain runs. */
  public void onReady() {
    synchronized (lock) {
      if (closed || scheduled) {
        return;
      }
      scheduled = true;
    }
    try {
      executor.execute(this::drain);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      cancel();
    }
  }

  /** The client went away: nothing more is sent. */
  public void cancel() {
    synchronized (lock) {
      closed = true;
      initial.clear();
      pending.clear();
    }
  }

  boolean isClosed() {
    return closed;
  }

  private void drain() {
    while (true) {
      StepEvent next;
      OpenllException error = null;
      synchronized (lock) {
        if (closed) {
          scheduled = false;
          return;
        }
        try {
          cursor = hub.pull(cursor, filter, pending, Math.max(0, limit - pending.size()));
        } catch (OpenllException e) {
          error = e;
        }
        if (error == null && pending.size() >= limit && cursor < hub.lastSequence() && !sink.isReady()) {
          error = OpenllException.resourceExhausted("watcher fell more than " + limit
              + " events behind; resume with the last resume token or query again");
        }
        if (error != null) {
          closed = true;
          initial.clear();
          pending.clear();
          LOG.info("watcher dropped: {}", error.getMessage());
          next = null;
        } else if ((initial.isEmpty() && pending.isEmpty()) || !sink.isReady()) {
          scheduled = false;
          if (hub.lastSequence() == cursor || !sink.isReady()) {
            return;
          }
          scheduled = true; // a change came after the pull: its wake-up may have seen this drain running
          continue;
        } else {
          next = initial.isEmpty() ? pending.pollFirst() : initial.pollFirst();
        }
      }
      try {
        if (error != null) {
          sink.fail(error);
          return;
        }
        sink.send(next);
      } catch (RuntimeException e) {
        LOG.debug("watcher closed: sending failed: {}", e.toString());
        cancel();
      }
    }
  }
}
