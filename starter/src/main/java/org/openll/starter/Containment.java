package org.openll.starter;

import java.util.Set;

/**
 * Keeps every process of one step together, however deep and whether or not it daemonizes, so
 * that the starter can account for all of them and kill all of them.
 *
 * <p>Implementations: {@link CgroupContainment} (a cgroup of the step's own, v2 or v1) and
 * {@link ProcContainment} (descendants tracked through {@code /proc}). Thread-safe.
 */
interface Containment extends AutoCloseable {
  /**
   * The member list ({@code cgroup.procs}) the command must write its pid to before it execs
   * ({@link SessionLeader#joining}); empty when the mechanism needs nothing of the command.
   */
  default java.util.Optional<java.nio.file.Path> joinFile() {
    return java.util.Optional.empty();
  }

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
