package org.openll.startd;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openll.api.v1.StarterCancel;
import org.openll.api.v1.StarterInput;

/**
 * One forked starter: its process, the pipe of commands to it, and the process group of its step
 * once the starter reported it. Thread-safe.
 */
final class StarterProcess {
  private final String stepId;
  private final String scheddAddress;
  private final Process process;
  private final OutputStream stdin;
  private final AtomicLong stepPgid = new AtomicLong();
  private volatile boolean cancelRequested;

  StarterProcess(String stepId, String scheddAddress, Process process) {
    this.stepId = stepId;
    this.scheddAddress = scheddAddress;
    this.process = process;
    this.stdin = process.getOutputStream();
  }

  String stepId() {
    return stepId;
  }

  String scheddAddress() {
    return scheddAddress;
  }

  Process process() {
    return process;
  }

  boolean cancelRequested() {
    return cancelRequested;
  }

  void stepStarted(long pgid) {
    stepPgid.set(pgid);
  }

  /** Sends one input message; false when the starter no longer reads. */
  synchronized boolean send(StarterInput input) {
    try {
      input.writeDelimitedTo(stdin);
      stdin.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  boolean cancel(String reason) {
    cancelRequested = true;
    return send(StarterInput.newBuilder().setCancel(StarterCancel.newBuilder().setReason(reason)).build());
  }

  /** SIGKILL to the step's process group and the starter: the last resort when the daemon stops. */
  void killAll() {
    long pgid = stepPgid.get();
    if (pgid > 0) {
      try {
        new ProcessBuilder(List.of("kill", "-KILL", "--", "-" + pgid))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start().waitFor(5, TimeUnit.SECONDS);
      } catch (IOException e) {
        // the group may be gone already
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ProcessHandle.of(pgid).ifPresent(p -> {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      });
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
