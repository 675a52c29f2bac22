package org.openll.starter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends a signal to many processes with one {@code kill} run (Java can only send SIGTERM and
 * SIGKILL itself; SIGXCPU needs the program). Processes that are gone are silently skipped.
 */
final class Signals {
  private final String killProgram;

  Signals(String killProgram) {
    this.killProgram = killProgram;
  }

  /** Sends {@code signal} (a name such as {@code XCPU}) to {@code pids}; waits up to 5 s for kill. */
  void send(String signal, Collection<Long> pids) {
    if (pids.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of(killProgram, "-" + signal, "--"));
    pids.forEach(p -> command.add(Long.toString(p)));
    try {
      Process kill = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      System.err.println("starter: cannot run " + killProgram + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL without a program run. */
  static void kill(Collection<Long> pids) {
    pids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
  }
}
