package org.openll.starter;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The process tree of one step: its command (which leads its own process group, pgid = pid) and
 * every descendant, including those that left the group with {@code setsid}.
 *
 * <p>Descendants are found through their parent links, which break when a parent dies (the child
 * is re-parented), so {@link #terminate} takes a snapshot of the whole tree before it signals
 * anything, and signals every process of the snapshot one by one as well as the group.
 * Thread-safe: it holds no state beyond the leader's pid.
 */
final class ProcessTree {
  private static final Duration POLL = Duration.ofMillis(20);

  private final long leaderPid;
  private final String killProgram;

  ProcessTree(long leaderPid, String killProgram) {
    this.leaderPid = leaderPid;
    this.killProgram = killProgram;
  }

  long leaderPid() {
    return leaderPid;
  }

  /** The leader (while alive) and all its live descendants, children before grandchildren. */
  Set<ProcessHandle> snapshot() {
    Set<ProcessHandle> all = new LinkedHashSet<>();
    Optional<ProcessHandle> leader = ProcessHandle.of(leaderPid);
    leader.ifPresent(all::add);
    leader.ifPresent(l -> l.descendants().forEach(all::add));
    return all;
  }

  /**
   * SIGTERM to the group and every process of the tree, then, for those still alive after
   * {@code grace}, SIGKILL (to the group, the snapshot and whatever they started meanwhile).
   * Returns once every process of the tree is gone, or after {@code grace} plus one more second
   * when some process cannot be killed (e.g. stuck in the kernel).
   */
  void terminate(Duration grace) throws InterruptedException {
    Set<ProcessHandle> tree = snapshot();
    signalGroup("-TERM");
    tree.forEach(ProcessHandle::destroy);
    if (awaitGone(tree, grace)) {
      signalGroup("-KILL"); // members that left the tree's parent links but kept the group
      return;
    }
    Set<ProcessHandle> remaining = new LinkedHashSet<>();
    for (ProcessHandle p : tree) {
      if (p.isAlive()) {
        remaining.add(p);
        p.descendants().forEach(remaining::add);
      }
    }
    signalGroup("-KILL");
    remaining.forEach(ProcessHandle::destroyForcibly);
    awaitGone(remaining, Duration.ofSeconds(1));
  }

  /**
   * SIGKILL to what is left of the group once its leader has ended (background processes the
   * command did not wait for), so that a finished step holds no CPU. Processes that left the group
   * with {@code setsid} and whose parent already ended cannot be found and escape.
   */
  void killLeftovers() {
    signalGroup("-KILL");
  }

  /** SIGKILL to the group and the tree at once, without grace. */
  void kill() {
    Set<ProcessHandle> tree = snapshot();
    signalGroup("-KILL");
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  private static boolean awaitGone(Set<ProcessHandle> processes, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      // waiting for other processes to die: there is no event to block on for non-children
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
    }
    return true;
  }

  private void signalGroup(String signal) {
    try {
      Process kill = new ProcessBuilder(List.of(killProgram, signal, "--", "-" + leaderPid))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      System.err.println("starter: cannot run " + killProgram + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "tree of " + leaderPid + " " + snapshot().stream().map(p -> Long.toString(p.pid()))
        .collect(Collectors.joining(",", "[", "]"));
  }
}
