package org.openll.startd;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * This startd's pre-started starters (docs/starter.md, "Pool of pre-started starters"): up to
 * {@code size} starter processes, each in one of these states:
 *
 * <pre>
 *   spawn ──► STARTING ──hello{pooled}──► READY ──lease──► LEASED ──step over──► RETURNING ──hello{pooled}──► READY ...
 *                │                          │                 │                            (served &lt; maxSteps)
 *                └──lease (run once ready)──┼────────────────►┤
 *                                           │                 └──hello{pooled}, served = maxSteps──► RETIRED
 *                 pool connection ends ─────┴──► RETIRED ◄──── close()                     (connection closed:
 *                                                                                              the starter exits)
 * </pre>
 *
 * A starter leaves the pool when its process ends; the pool then starts another, so that it keeps
 * {@code size} starters (ready or busy) until it is closed. A step that finds no READY or STARTING
 * starter free gets none ({@link #lease} is empty) and the caller starts a starter for it alone.
 * {@code size = 0} is no pool at all. Thread-safe.
 */
final class StarterPool {
  private static final Logger LOG = LogManager.getLogger(StarterPool.class);

  /** Starts one pooled starter process. */
  interface Spawner {
    Spawned spawn() throws IOException;
  }

  /** A started process: its pid and start time (as in {@code starter.pid}), and its end. */
  record Spawned(long pid, long startMillis, CompletableFuture<?> exit) {}

  /** The pool connection of one starter, as the pool uses it. */
  interface Link {
    /** Tells the starter to run the step of {@code spool}; false when the connection is broken. */
    boolean run(Path spool);

    /** Ends the connection: an idle starter exits, a busy one after its step. */
    void close();
  }

  enum State {
    /** Started, not connected yet. */
    STARTING,
    /** Connected and idle: can take a step now. */
    READY,
    /** Running a step, or told to run one as soon as it connects. */
    LEASED,
    /** Its step is over (the final record acknowledged): expected back in a moment. */
    RETURNING,
    /** Told to exit, or its connection ended; waits for its process to end. */
    RETIRED
  }

  /** A starter chosen for one step: write its pid to the spool, then {@link #run} it. */
  interface Lease {
    long pid();

    long startMillis();

    /** The starter's process, looked up once per starter (empty when it had ended by then). */
    Optional<ProcessHandle> process();

    /**
     * Runs {@code settle} when the starter's process ends, at once if it has: for the step it is
     * leased to, in place of the last step's (one callback per starter, not one per step it served).
     */
    void whenGone(Runnable settle);

    /**
     * Hands the step to the starter, now if it is connected, else as soon as it says hello. False
     * when the starter cannot take it (its connection ended or broke): the step needs another.
     */
    boolean run(Path spool);
  }

  private final class Member implements Lease {
    final Spawned process;
    State state = State.STARTING;
    Link link;
    int served;
    Path pending;
    Optional<ProcessHandle> handle;
    Runnable gone;
    boolean ended;

    Member(Spawned process) {
      this.process = process;
    }

    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public long startMillis() {
      return process.startMillis();
    }

    @Override
    public synchronized Optional<ProcessHandle> process() {
      if (handle == null) {
        handle = ProcessHandle.of(pid());
      }
      return handle;
    }

    @Override
    public void whenGone(Runnable settle) {
      synchronized (StarterPool.this) {
        if (!ended) {
          gone = settle;
          return;
        }
      }
      settle.run();
    }

    @Override
    public boolean run(Path spool) {
      Link now;
      synchronized (StarterPool.this) {
        if (state == State.RETIRED) {
          return false;
        }
        now = link;
        if (now == null) {
          pending = spool; // leased while starting: sent with its hello
          return true;
        }
      }
      if (now.run(spool)) {
        return true;
      }
      LOG.warn("pooled starter {} did not take {}; the step gets a starter of its own", pid(), spool);
      synchronized (StarterPool.this) {
        state = State.RETIRED;
      }
      return false;
    }
  }

  private final int size;
  private final int maxSteps;
  private final Spawner spawner;
  private final Map<Long, Member> members = new LinkedHashMap<>();
  private boolean closed;
  private int spawning;
  /** Starters in a row that ended before they connected: a broken starter command stops the pool. */
  private int failedStarts;
  static final int MAX_FAILED_STARTS = 3;

  /**
   * @param size how many starters to keep (0: none)
   * @param maxSteps how many steps one starter serves before it is retired (1: one step each)
   */
  StarterPool(int size, int maxSteps, Spawner spawner) {
    if (size < 0 || maxSteps < 1) {
      throw new IllegalArgumentException("pool size must be >= 0 and steps per starter >= 1, got " + size
          + " and " + maxSteps);
    }
    this.size = size;
    this.maxSteps = maxSteps;
    this.spawner = spawner;
  }

  int size() {
    return size;
  }

  /** Starts the pool's starters. */
  void start() {
    fill();
  }

  /**
   * A starter for one step: a READY one, else a STARTING one not promised yet (it runs the step as
   * soon as it connects); empty when none is free or the pool is closed or of size 0.
   */
  synchronized Optional<Lease> lease() {
    return lease(Duration.ZERO);
  }

  /**
   * {@link #lease()}, but when no starter is free and one is {@link State#RETURNING} (its last
   * step just ended), waits up to {@code wait} for it to be back: a starter returns in about a
   * millisecond, a new one takes a JVM start.
   */
  synchronized Optional<Lease> lease(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!closed) {
      Member chosen = null;
      boolean returning = false;
      for (Member m : members.values()) {
        if (m.state == State.READY) {
          chosen = m;
          break;
        }
        if (chosen == null && m.state == State.STARTING && m.pending == null) {
          chosen = m;
        }
        returning |= m.state == State.RETURNING && m.served < maxSteps;
      }
      if (chosen != null) {
        chosen.state = State.LEASED;
        chosen.served++;
        return Optional.of(chosen);
      }
      long left = deadline - System.nanoTime();
      if (!returning || left <= 0) {
        return Optional.empty();
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The step of starter {@code pid} is over: it is expected back (a starter not in the pool is ignored). */
  synchronized void returning(long pid) {
    Member m = members.get(pid);
    if (m != null && m.state == State.LEASED && m.link != null) {
      m.state = State.RETURNING;
    }
  }

  /**
   * A starter said {@code hello{pooled}} on {@code link}: at start, or after a step. It gets its
   * promised step, or becomes READY, or is retired (unknown here, served enough, pool closed).
   */
  void ready(long pid, long startMillis, Link link) {
    Path run = null;
    boolean retire = false;
    synchronized (this) {
      Member m = members.get(pid);
      if (m == null || m.state == State.RETIRED || startMillis != 0 && m.startMillis() != 0
          && startMillis != m.startMillis()) {
        retire = true;
      } else if (m.link == null && m.state == State.LEASED) { // leased while starting: its step now
        m.link = link;
        run = m.pending;
        m.pending = null;
        failedStarts = 0;
      } else if (closed || m.served >= maxSteps) {
        m.state = State.RETIRED;
        retire = true;
      } else {
        m.link = link;
        m.state = State.READY;
        failedStarts = 0;
        notifyAll();
      }
    }
    if (retire) {
      link.close();
    } else if (run != null && !link.run(run)) {
      LOG.warn("pooled starter {} did not take {}: the step is settled when the process ends", pid, run);
    }
  }

  /** The pool connection {@code link} ended: its starter is not used again. */
  synchronized void gone(Link link) {
    for (Member m : members.values()) {
      if (m.link == link) {
        m.state = State.RETIRED;
        m.link = null;
      }
    }
    notifyAll();
  }

  /** Stops the pool: idle starters exit now, busy ones after their step; none is started any more. */
  void close() {
    List<Link> links = new ArrayList<>();
    synchronized (this) {
      closed = true;
      notifyAll();
      for (Member m : members.values()) {
        if (m.link != null) {
          links.add(m.link);
        }
        if (m.state != State.LEASED && m.state != State.RETURNING) {
          m.state = State.RETIRED;
        }
      }
    }
    links.forEach(Link::close);
  }

  /** The state of starter {@code pid}, if it is in the pool. */
  synchronized Optional<State> state(long pid) {
    return Optional.ofNullable(members.get(pid)).map(m -> m.state);
  }

  /** How many starters are in each state (a gauge, and for tests). */
  synchronized Map<State, Integer> counts() {
    Map<State, Integer> counts = new LinkedHashMap<>();
    for (State s : State.values()) {
      counts.put(s, 0);
    }
    members.values().forEach(m -> counts.merge(m.state, 1, Integer::sum));
    return counts;
  }

  private void exited(Member m) {
    Runnable settle;
    boolean refill = true;
    synchronized (this) {
      members.remove(m.pid(), m);
      m.ended = true;
      settle = m.gone;
      m.gone = null;
      notifyAll();
      if (m.state == State.STARTING && ++failedStarts >= MAX_FAILED_STARTS) {
        LOG.error("{} pooled starters in a row ended before they connected: no more are started (steps get "
            + "starters of their own); see {}", failedStarts, "the startd's starter-pool.log");
        refill = false;
      }
    }
    if (settle != null) {
      settle.run();
    }
    if (refill) {
      fill();
    }
  }

  /** Starts starters until the pool has {@code size}, unless it is closed. */
  private void fill() {
    int missing;
    synchronized (this) {
      if (closed || failedStarts >= MAX_FAILED_STARTS) {
        return;
      }
      missing = size - members.size() - spawning;
      spawning += Math.max(0, missing);
    }
    for (int i = 0; i < missing; i++) {
      Spawned process = null;
      try {
        process = spawner.spawn();
      } catch (IOException e) {
        LOG.error("cannot start a pooled starter (steps get starters of their own): {}", e.toString());
      }
      Member m = process == null ? null : new Member(process);
      synchronized (this) {
        spawning--;
        if (m != null) {
          members.put(m.pid(), m);
        }
      }
      if (m != null) {
        process.exit().whenComplete((v, t) -> exited(m));
      }
    }
  }
}
