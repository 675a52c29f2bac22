package org.openll.starter;

import java.util.List;
import java.util.Set;

/**
 * Keeps every process of one step together, however deep and whether or not it daemonizes, so
 * that the starter can account for all of them and kill all of them.
 *
 * <p>Implementations: {@link CgroupContainment} (a cgroup of the step's own, v2 or v1) and
 * {@link ProcContainment} (descendants tracked through {@code /proc}). Thread-safe.
 */
interface Containment extends AutoCloseable {
  /** {@code cgroup-v2}, {@code cgroup-v1} or {@code proc}: what the startd advertises. */
  String name();

  /**
   * A command prefix that puts the command into the container before it execs (e.g. a shell
   * that writes its own pid to {@code cgroup.procs}); empty when nothing is needed.
   */
  List<String> wrapper();

  /** Environment variables every process of the step must carry (the proc mechanism's marker). */
  default java.util.Map<String, String> marker() {
    return java.util.Map.of();
  }

  /** Tells the container which process leads the step, once it is started. */
  void started(long leaderPid);

  /** The live processes of the step now. */
  Set<Long> pids();

  /**
   * CPU of the whole step so far, in microseconds of user and system time
   * ({@code [user, system]}), including processes that already ended; empty when the mechanism
   * does not count it (the starter then uses its children's times).
   */
  default java.util.Optional<long[]> cpuMicros() {
    return java.util.Optional.empty();
  }

  /**
   * SIGKILL to every process of the step, repeated until none is left or {@code timeoutMillis}
   * passed, so that processes forked meanwhile die too. Returns whether the step is empty.
   */
  boolean killAll(long timeoutMillis) throws InterruptedException;

  /** Removes what the container made (the cgroup folder); the step must be empty. */
  @Override
  void close();
}
