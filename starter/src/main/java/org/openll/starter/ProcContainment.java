package org.openll.starter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Tracks a step's processes through {@code /proc} where no cgroup can be made.
 *
 * <p>Each call of {@link #pids()} walks {@code /proc/PID/task/TID/children} from the leader and
 * from every member seen before, so it reads only the step's own processes. A process whose
 * parent died is re-parented away from the tree, but it stays known once it was seen. A process
 * that forks and whose parent exits between two walks is found by the marker every process of
 * the step inherits ({@link #TOKEN} in {@code /proc/PID/environ}, which survives {@code setsid}
 * and {@code nohup}): the whole process table is scanned for it at most every
 * {@code scanPeriodMillis} and always before the step is declared empty. A process that clears
 * its environment and daemonizes between two walks escapes: the cgroup mechanisms have no such
 * gap. Members are identified by pid and start time, so a reused pid is not mistaken for one.
 */
final class ProcContainment implements Containment {
  /** The marker variable; its value is unique to one starter run. */
  static final String TOKEN = "OPENLL_STEP_TOKEN";

  private final Path proc;
  private final String token;
  private final long scanPeriodNanos;
  private final Map<Long, String> known = new HashMap<>(); // pid -> start time (field 22 of stat)
  private long lastScan = System.nanoTime();

  ProcContainment(Path proc, String stepId, long scanPeriodMillis) {
    this.proc = proc;
    this.token = stepId + "@" + ProcessHandle.current().pid() + "." + System.nanoTime();
    this.scanPeriodNanos = TimeUnit.MILLISECONDS.toNanos(scanPeriodMillis);
  }

  @Override
  public Map<String, String> marker() {
    return Map.of(TOKEN, token);
  }

  @Override
  public synchronized void started(long leaderPid) {
    String start = startTime(leaderPid);
    if (start != null) {
      known.put(leaderPid, start);
    }
  }

  @Override
  public synchronized Set<Long> pids() {
    return walk(System.nanoTime() - lastScan >= scanPeriodNanos);
  }

  private Set<Long> walk(boolean fullScan) {
    Set<Long> live = new LinkedHashSet<>();
    Deque<Long> todo = new ArrayDeque<>(known.keySet());
    if (fullScan) {
      lastScan = System.nanoTime();
      todo.addAll(scanForToken());
    }
    while (!todo.isEmpty()) {
      long pid = todo.poll();
      if (live.contains(pid)) {
        continue;
      }
      String start = startTime(pid);
      String was = known.get(pid);
      if (start == null || (was != null && !was.equals(start))) {
        known.remove(pid);
        continue;
      }
      known.put(pid, start);
      live.add(pid);
      todo.addAll(children(pid));
    }
    return live;
  }

  @Override
  public boolean killAll(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      Set<Long> pids;
      synchronized (this) {
        pids = walk(true);
      }
      if (pids.isEmpty()) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Signals.kill(pids);
      TimeUnit.MILLISECONDS.sleep(10); // no event to block on for non-children
    }
  }

  @Override
  public void close() {
    // nothing was made
  }

  private List<Long> children(long pid) {
    List<Long> result = new java.util.ArrayList<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve(Long.toString(pid)).resolve("task"))) {
      for (Path task : tasks) {
        for (String c : Files.readString(task.resolve("children")).trim().split("\\s+")) {
          if (!c.isEmpty()) {
            result.add(Long.parseLong(c));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return result;
  }

  /** The whole process table: processes whose environment carries this run's token. */
  private List<Long> scanForToken() {
    byte[] needle = (TOKEN + "=" + token).getBytes(StandardCharsets.UTF_8);
    List<Long> found = new java.util.ArrayList<>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(proc)) {
      for (Path p : all) {
        String name = p.getFileName().toString();
        if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
          continue;
        }
        try {
          if (contains(Files.readAllBytes(p.resolve("environ")), needle)) {
            found.add(Long.parseLong(name));
          }
        } catch (IOException | RuntimeException e) {
          // gone, or not ours to read
        }
      }
    } catch (IOException e) {
      System.err.println("starter: cannot scan " + proc + ": " + e.getMessage());
    }
    return found;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (i > 0 && haystack[i - 1] != 0) {
        continue;
      }
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      if (i + needle.length == haystack.length || haystack[i + needle.length] == 0) {
        return true;
      }
    }
    return false;
  }

  /** Field 22 of {@code /proc/PID/stat}, or null when the process is gone or a zombie. */
  private String startTime(long pid) {
    try {
      String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return f[0].equals("Z") || f[0].equals("X") ? null : f[19];
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
