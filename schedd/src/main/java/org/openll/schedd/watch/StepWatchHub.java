package org.openll.schedd.watch;

import java.util.ArrayDeque;
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
 * Numbers every committed step change (1, 2, ... within one schedd run), keeps the last
 * {@code historySize} of them in memory, and hands each to the watchers whose filter matches it.
 * Publishing never blocks: each {@link Watcher} queues what it is given and is dropped when it
 * falls too far behind. Resume tokens are {@code <epoch>.<sequence>}, the epoch telling one schedd
 * run from the next, so a token from before a restart is refused instead of misread.
 */
public final class StepWatchHub implements StepChangeListener {
  static final String TOO_OLD = "resume token too old; query again";

  private final Object lock = new Object();
  private final long epoch;
  private final int historySize;
  private final int bufferSize;
  private final Executor executor;
  private final ArrayDeque<StepEvent> history = new ArrayDeque<>();
  private final Set<Watcher> watchers = new LinkedHashSet<>();
  private long lastSequence;

  /**
   * @param epoch tells this run's tokens from another run's (e.g. the start time in milliseconds)
   * @param historySize how many changes a client can resume after
   * @param bufferSize how many changes a watcher may be behind before it is dropped
   * @param executor runs the watchers' drains
   */
  public StepWatchHub(long epoch, int historySize, int bufferSize, Executor executor) {
    this.epoch = epoch;
    this.historySize = historySize;
    this.bufferSize = bufferSize;
    this.executor = executor;
  }

  @Override
  public void changed(List<StepStatus> steps) {
    synchronized (lock) {
      for (StepStatus step : steps) {
        long sequence = ++lastSequence;
        StepEvent event = StepEvent.newBuilder().setStep(step).setSequence(sequence)
            .setResumeToken(epoch + "." + sequence).build();
        history.addLast(event);
        if (history.size() > historySize) {
          history.removeFirst();
        }
        for (Watcher watcher : watchers) {
          if (watcher.filter().matches(step)) {
            watcher.offer(event);
          }
        }
      }
      watchers.removeIf(Watcher::isClosed);
    }
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
      return register(new Watcher(filter, sink, executor, bufferSize, initial));
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
      long oldestKept = history.isEmpty() ? lastSequence + 1 : history.peekFirst().getSequence();
      if (after < oldestKept - 1) {
        throw OpenllException.failedPrecondition(TOO_OLD);
      }
      List<StepEvent> replay = new ArrayList<>();
      for (StepEvent event : history) {
        if (event.getSequence() > after && filter.matches(event.getStep())) {
          replay.add(event);
        }
      }
      return register(new Watcher(filter, sink, executor, bufferSize, replay));
    }
  }

  /** The watchers not closed, for tests and metrics. */
  public int watcherCount() {
    synchronized (lock) {
      watchers.removeIf(Watcher::isClosed);
      return watchers.size();
    }
  }

  private Watcher register(Watcher watcher) {
    watchers.add(watcher);
    watcher.onReady();
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
