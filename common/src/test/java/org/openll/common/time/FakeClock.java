package org.openll.common.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A clock that moves only when told, and a scheduler driven by it: {@link #advance} runs every
 * task that falls due, in time order, on the caller's thread. Thread-safe enough for tests that
 * drive it from one thread.
 */
public final class FakeClock extends Clock {
  private Instant now;
  private long sequence;
  private final PriorityQueue<Task<?>> queue = new PriorityQueue<>(
      Comparator.<Task<?>, Instant>comparing(t -> t.due).thenComparingLong(t -> t.order));
  private final Scheduler scheduler = new Scheduler();

  public FakeClock(Instant start) {
    this.now = start;
  }

  public FakeClock() {
    this(Instant.parse("2025-01-01T00:00:00Z"));
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Moves time forward by {@code step}, running due tasks at their due time. */
  public void advance(Duration step) {
    Instant target;
    synchronized (this) {
      target = now.plus(step);
    }
    while (true) {
      Task<?> task;
      synchronized (this) {
        task = queue.peek();
        if (task == null || task.due.isAfter(target)) {
          now = target;
          return;
        }
        queue.poll();
        now = task.due;
      }
      task.runOnce();
    }
  }

  /** Runs the tasks due now. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  public synchronized int pendingTasks() {
    return (int) queue.stream().filter(t -> !t.isCancelled()).count();
  }

  private synchronized <V> Task<V> enqueue(Callable<V> body, Duration delay, Duration period) {
    Task<V> task = new Task<>(body, now.plus(delay), period, sequence++);
    queue.add(task);
    return task;
  }

  private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    private Instant due;
    private final Duration period;
    private final long order;

    Task(Callable<V> body, Instant due, Duration period, long order) {
      super(body);
      this.due = due;
      this.period = period;
      this.order = order;
    }

    void runOnce() {
      if (period == null) {
        run();
      } else if (runAndReset()) {
        synchronized (FakeClock.this) {
          due = now.plus(period);
          queue.add(this);
        }
      }
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(instant(), due));
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      synchronized (FakeClock.this) {
        queue.remove(this);
      }
      return super.cancel(mayInterrupt);
    }
  }

  private final class Scheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private boolean shutdown;

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      return enqueue(() -> {
        command.run();
        return null;
      }, Duration.of(delay, unit.toChronoUnit()), null);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      return enqueue(callable, Duration.of(delay, unit.toChronoUnit()), null);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
      return scheduleWithFixedDelay(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
      return enqueue(() -> {
        command.run();
        return null;
      }, Duration.of(initialDelay, unit.toChronoUnit()), Duration.of(delay, unit.toChronoUnit()));
    }

    @Override
    public void execute(Runnable command) {
      schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
