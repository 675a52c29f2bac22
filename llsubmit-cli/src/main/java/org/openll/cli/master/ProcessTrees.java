package org.openll.cli.master;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Stops processes together with their descendants: SIGTERM, a deadline, then SIGKILL. */
public final class ProcessTrees {
  private static final Duration POLL = Duration.ofMillis(50);

  private ProcessTrees() {}

  /**
   * Sends SIGTERM to every process of {@code roots} and waits until they and all their
   * descendants (as they were when signalled) are gone, at most {@code grace}; whatever is left
   * then gets SIGKILL. Returns the processes that had to be killed.
   */
  public static List<ProcessHandle> terminate(List<ProcessHandle> roots, Duration grace) {
    List<ProcessHandle> all = new ArrayList<>();
    for (ProcessHandle root : roots) {
      all.add(root);
      root.descendants().forEach(all::add);
    }
    roots.forEach(ProcessHandle::destroy);
    Waits.until(() -> all.stream().noneMatch(ProcessHandle::isAlive), grace, POLL);
    List<ProcessHandle> killed = all.stream().filter(ProcessHandle::isAlive).toList();
    killed.forEach(ProcessHandle::destroyForcibly);
    Waits.until(() -> killed.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(2), POLL);
    return killed;
  }
}
