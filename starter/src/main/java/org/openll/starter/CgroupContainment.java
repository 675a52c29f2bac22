package org.openll.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A cgroup of the step's own, {@code PARENT/STEP_ID.STARTER_PID}: the command joins it before it
 * execs (its {@link SessionLeader} writes its pid to {@code cgroup.procs}), every descendant inherits it and no
 * process can leave it (only root could move it out). Membership is {@code cgroup.procs}; CPU is
 * {@code cpu.stat} (v2) or {@code cpuacct.stat} (v1, the cpuacct hierarchy), which also count
 * processes that ended; killing is {@code cgroup.kill} (v2, atomic) or SIGKILL to the members
 * until none is left (v1).
 */
final class CgroupContainment implements Containment {
  private static final long TICK_MICROS = 10_000;

  private final boolean v2;
  private final Path dir;

  private CgroupContainment(boolean v2, Path dir) {
    this.v2 = v2;
    this.dir = dir;
  }

  /** Makes the step's cgroup under {@code parent}. */
  static CgroupContainment create(boolean v2, Path parent, String stepId) throws IOException {
    Path dir = parent.resolve(stepId + "." + ProcessHandle.current().pid());
    Files.createDirectories(dir);
    return new CgroupContainment(v2, dir);
  }

  Path dir() {
    return dir;
  }

  @Override
  public Optional<Path> joinFile() {
    return Optional.of(dir.resolve("cgroup.procs"));
  }

  @Override
  public void started(long leaderPid) {
    // the command joined by itself before exec
  }

  @Override
  public Set<Long> pids() {
    Set<Long> pids = new LinkedHashSet<>();
    try {
      for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
        if (!line.isBlank()) {
          pids.add(Long.parseLong(line.trim()));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone: no members
    }
    return pids;
  }

  @Override
  public Optional<long[]> cpuMicros() {
    try {
      long user = 0;
      long system = 0;
      for (String line : Files.readAllLines(dir.resolve(v2 ? "cpu.stat" : "cpuacct.stat"))) {
        String[] f = line.trim().split("\\s+");
        if (f.length != 2) {
          continue;
        }
        long value = Long.parseLong(f[1]);
        switch (f[0]) {
          case "user_usec" -> user = value;
          case "system_usec" -> system = value;
          case "user" -> user = value * TICK_MICROS;
          case "system" -> system = value * TICK_MICROS;
          default -> { }
        }
      }
      return Optional.of(new long[] {user, system});
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean killAll(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    boolean killFile = v2 && Files.exists(dir.resolve("cgroup.kill"));
    while (true) {
      Set<Long> pids = pids();
      if (pids.isEmpty()) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      if (killFile) {
        try {
          Files.writeString(dir.resolve("cgroup.kill"), "1");
        } catch (IOException e) {
          Signals.kill(pids);
        }
      } else {
        Signals.kill(pids);
      }
      // zombies stay in cgroup.procs until reaped: no event to block on
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < 50; i++) {
      try {
        Files.deleteIfExists(dir);
        return;
      } catch (IOException e) {
        // EBUSY while the last members are being reaped
        try {
          TimeUnit.MILLISECONDS.sleep(10);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    System.err.println("starter: cannot remove cgroup " + dir);
  }
}
