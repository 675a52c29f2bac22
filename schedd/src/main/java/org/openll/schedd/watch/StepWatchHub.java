package org.openll.schedd.watch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.openll.api.v1.StepEvent;
import org.openll.api.v1.StepStatus;
import org.openll.common.errors.OpenllException;
import org.openll.schedd.queue.StepChangeListener;

/**
 * Numbers every committed step change (1, 2, ... within one schedd run) and keeps the last
 * {@code historySize} of them in memory, in a ring. Publishing costs the commit path one array
 * store and at most one executor task: the watchers are woken on the executor and each pulls the
 * changes its filter matches from the ring (sharing the event objects), so a slow or stopped
 * watcher never slows a commit, and is dropped when it falls {@code bufferSize} changes behind. Resume tokens are {@code <epoch>.<sequence>}, the epoch telling one schedd
 * run from the next, so a token from before a restart is refused instead of misread.
 */
public final class StepWatchHub implements StepChangeListener {
  static final String TOO_OLD = "resume token too old; query again";

  private final Object lock = new Object();
  private final long epoch;
  private final StepEvent[] history;
  private final int bufferSize;
  private final Executor executor;
  private final Set<Watcher> watchers = new LinkedHashSet<>();
  private long lastSequence;
  private boolean fanOutScheduled;

  /**
   * @param epoch tells this run's tokens from another run's (e.g. the start time in milliseconds)
   * @param historySize how many changes a client can resume after; at least {@code bufferSize}
   * @param bufferSize how many changes a watcher may be behind before it is dropped
   * @param executor wakes the watchers and runs their drains
   */
  public StepWatchHub(long epoch, int historySize, int bufferSize, Executor executor) {
    if (bufferSize < 1 || historySize < bufferSize) {
      throw new IllegalArgumentException("need 1 <= buffer (" + bufferSize + ") <= history (" + historySize + ")");
    }
    this.epoch = epoch;
    this.history = new StepEvent[historySize];
    this.bufferSize = bufferSize;
    this.executor = executor;
  }

  /** Numbers and keeps the changes; the watchers are woken on the executor, so this never blocks. */
  @Override
  public void changed(List<StepStatus> steps) {
    synchronized (lock) {
      for (StepStatus step : steps) {
        long sequence = ++lastSequence;
        history[(int) (sequence % history.length)] = StepEvent.newBuilder().setStep(step).setSequence(sequence)
            .setResumeToken(epoch + "." + sequence).build();
      }
      if (fanOutScheduled || watchers.isEmpty()) {
        return;
      }
      fanOutScheduled = true;
    }
    executor.execute(this::fanOut);
  }

  private void fanOut() {
    List<Watcher> woken;
    synchronized (lock) {
      fanOutScheduled = false;
      watchers.removeIf(Watcher::isClosed);
      woken = List.copyOf(watchers);
    }
    woken.forEach(Watcher::onReady);
  }

  /**
   * A new watcher that first gets {@code snapshot} (each event flagged snapshot), then the marker,
   * then every change published after this call. The caller must make sure no change is published
   * between reading the state {@code snapshot} returns and this call returning (the schedd calls it
   * inside {@code JobQueue.whileQuiet}).
   */
  public Watcher watch(WatchFilter filter, Supplier<List<StepStatus>> snapshot, WatchSink sink) {
    List<StepEvent> initial = new ArrayList<>();
    for (StepStatus step : snapshot.get()) {
      initial.add(StepEvent.newBuilder().setStep(step).setSnapshot(true).build());
    }
    initial.add(StepEvent.newBuilder().setSnapshotComplete(true).build());
    synchronized (lock) {
      return register(new Watcher(this, filter, sink, executor, bufferSize, initial, lastSequence));
    }
  }

  /**
   * A watcher that gets every matching change after the one {@code token} names, then follows.
   * Throws FAILED_PRECONDITION when that change is no longer kept (or is from another schedd run)
   * and INVALID_ARGUMENT for a token that is not one.
   */
  public Watcher resume(WatchFilter filter, String token, WatchSink sink) {
    long after = sequenceOf(token);
    synchronized (lock) {
      if (after > lastSequence) {
        throw OpenllException.invalidArgument("resume_token: " + token + " names no change yet");
      }
      if (after < lastSequence - history.length) {
        throw OpenllException.failedPrecondition(TOO_OLD);
      }
      return register(new Watcher(this, filter, sink, executor, bufferSize, List.of(), after));
    }
  }

  /**
   * Adds to {@code into}, in order, at most {@code max} of the changes after {@code after} that
   * {@code filter} matches, and returns the sequence of the last change looked at: the one before
   * the first matching change left out, so a caller that gets less than {@link #lastSequence()}
   * knows a matching change is waiting. Throws RESOURCE_EXHAUSTED when changes after {@code after}
   * are no longer kept.
   */
  long pull(long after, WatchFilter filter, java.util.Collection<StepEvent> into, int max) {
    synchronized (lock) {
      if (after < lastSequence - history.length) {
        throw OpenllException.resourceExhausted("watcher fell more than " + history.length
            + " changes behind; query again");
      }
      int added = 0;
      for (long sequence = after + 1; sequence <= lastSequence; sequence++) {
        StepEvent event = history[(int) (sequence % history.length)];
        if (filter.matches(event.getStep())) {
          if (added == max) {
            return sequence - 1;
          }
          into.add(event);
          added++;
        }
      }
      return lastSequence;
    }
  }

  long lastSequence() {
    synchronized (lock) {
      return lastSequence;
    }
  }

  /** The watchers not closed, for tests and metrics. */
  public int watcherCount() {
    synchronized (lock) {
      watchers.removeIf(Watcher::isClosed);
      return watchers.size();
    }
  }

  /** Called under the lock; the first drain runs on the executor. */
  private Watcher register(Watcher watcher) {
    watchers.add(watcher);
    executor.execute(watcher::onReady);
    return watcher;
  }
  private long sequenceOf(String token) {
    int dot = token.indexOf('.');
    long tokenEpoch;
    long sequence;
    try {
      tokenEpoch = Long.parseLong(token.substring(0, Math.max(dot, 0)));
      sequence = Long.parseLong(token.substring(dot + 1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw OpenllException.invalidArgument("resume_token: not a resume token: " + token);
    }
    if (tokenEpoch != epoch || sequence < 0) {
      throw OpenllException.failedPrecondition(TOO_OLD + " (it is from another run of the schedd)");
    }
    return sequence;
  }
}
