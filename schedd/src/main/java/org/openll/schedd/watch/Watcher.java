package org.openll.schedd.watch;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.StepEvent;
import org.openll.common.errors.OpenllException;

/**
 * One watcher: a bounded queue of events drained to its {@link WatchSink} on an executor, only
 * while the sink is ready. {@link #offer} never blocks; a watcher more than {@code limit} events
 * behind (besides its initial ones) is closed with RESOURCE_EXHAUSTED and its events dropped.
 */
public final class Watcher {
  private static final Logger LOG = LogManager.getLogger(Watcher.class);

  private final WatchFilter filter;
  private final WatchSink sink;
  private final Executor executor;
  private final int limit;
  private final Object lock = new Object();
  private final ArrayDeque<StepEvent> pending = new ArrayDeque<>();
  private int allowance;
  private boolean scheduled;
  private boolean closed;
  private OpenllException failure;

  Watcher(WatchFilter filter, WatchSink sink, Executor executor, int limit, List<StepEvent> initial) {
    this.filter = filter;
    this.sink = sink;
    this.executor = executor;
    this.limit = limit;
    this.allowance = limit + initial.size();
    pending.addAll(initial);
  }

  WatchFilter filter() {
    return filter;
  }

  /** Queues {@code event}; false when the watcher is closed (now or before). */
  boolean offer(StepEvent event) {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      if (pending.size() >= allowance) {
        closed = true;
        pending.clear();
        failure = OpenllException.resourceExhausted("watcher fell more than " + limit
            + " events behind; resume with the last resume token or query again");
        LOG.info("watcher dropped: more than {} events behind", limit);
        schedule();
        return false;
      }
      pending.addLast(event);
      schedule();
      return true;
    }
  }

  /** The sink became ready again (gRPC's onReady). */
  public void onReady() {
    synchronized (lock) {
      schedule();
    }
  }

  /** The client went away: nothing more is sent. */
  public void cancel() {
    synchronized (lock) {
      closed = true;
      pending.clear();
    }
  }

  boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  int pending() {
    synchronized (lock) {
      return pending.size();
    }
  }

  /** Starts a drain unless one runs. Called under the lock. */
  void schedule() {
    if (scheduled) {
      return;
    }
    scheduled = true;
    try {
      executor.execute(this::drain);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      scheduled = false;
      closed = true;
      pending.clear();
    }
  }

  private void drain() {
    while (true) {
      StepEvent next;
      OpenllException error = null;
      synchronized (lock) {
        if (failure != null) {
          error = failure;
          failure = null;
          next = null;
        } else if (closed || pending.isEmpty() || !sink.isReady()) {
          scheduled = false;
          return;
        } else {
          next = pending.pollFirst();
          if (allowance > limit) {
            allowance--;
          }
        }
      }
      try {
        if (error != null) {
          sink.fail(error);
          return; // scheduled stays true: nothing is drained again
        }
        sink.send(next);
      } catch (RuntimeException e) {
        LOG.debug("watcher closed: sending failed: {}", e.toString());
        cancel();
      }
    }
  }
}
