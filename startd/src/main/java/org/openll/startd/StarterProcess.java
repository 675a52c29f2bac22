package org.openll.startd;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openll.api.v1.StarterCancel;
import org.openll.api.v1.StartdToStarter;

/**
 * What the startd knows of one step's starter, forked by this startd or re-adopted from the spool:
 * its process (if known to live), its connection (while connected), the events received and
 * acknowledged so far, and the step's process group once reported. Thread-safe: every field is
 * guarded by this object's lock.
 */
final class StarterProcess {
  private final StepSpool spool;
  private final String scheddAddress;
  private ProcessHandle starter;
  private StarterConnection connection;
  private long received;
  private long acknowledged;
  private boolean finalTaken;
  private boolean cancelRequested;
  private String cancelReason = "";
  private long stepPgid;

  StarterProcess(StepSpool spool, String scheddAddress) {
    this.spool = spool;
    this.scheddAddress = scheddAddress;
  }

  String stepId() {
    return spool.stepId();
  }

  StepSpool spool() {
    return spool;
  }

  String scheddAddress() {
    return scheddAddress;
  }

  synchronized void starterIs(ProcessHandle process) {
    starter = process;
  }

  synchronized Optional<ProcessHandle> starter() {
    return Optional.ofNullable(starter);
  }

  synchronized boolean starterAlive() {
    return starter != null && starter.isAlive();
  }

  /** The step's command (the leader of its process group), 0 before it started. */
  synchronized long stepPgid() {
    return stepPgid;
  }

  synchronized void stepStarted(long pgid) {
    if (pgid > 0) {
      stepPgid = pgid;
    }
  }

  /** Makes {@code c} the current connection: sends what was acknowledged before and a pending cancel. */
  synchronized void attach(StarterConnection c) {
    if (connection != null && connection != c) {
      connection.close();
    }
    connection = c;
    if (acknowledged > 0) {
      c.send(StartdToStarter.newBuilder().setAcknowledged(acknowledged).build());
    }
    if (cancelRequested) {
      c.send(cancelMessage());
    }
  }

  /** Forgets {@code c} if it is the current connection; true when the starter is now unconnected. */
  synchronized boolean detach(StarterConnection c) {
    if (connection == c) {
      connection = null;
    }
    return connection == null;
  }

  synchronized boolean connected() {
    return connection != null;
  }

  /** Whether event {@code sequence} is new (not a resend of one received by this startd). */
  synchronized boolean receive(long sequence) {
    if (sequence <= received) {
      return false;
    }
    received = sequence;
    return true;
  }

  /** Marks the final record as taken; false when it was taken already (from the socket or the spool). */
  synchronized boolean takeFinal() {
    if (finalTaken) {
      return false;
    }
    finalTaken = true;
    return true;
  }

  synchronized boolean finalTaken() {
    return finalTaken;
  }

  synchronized void acknowledge(long sequence) {
    acknowledged = Math.max(acknowledged, sequence);
    if (connection != null) {
      connection.send(StartdToStarter.newBuilder().setAcknowledged(acknowledged).build());
    }
  }

  synchronized boolean cancelRequested() {
    return cancelRequested;
  }

  /** Asks the starter to cancel, now if connected, else as soon as it connects. True when sent now. */
  synchronized boolean cancel(String reason) {
    cancelRequested = true;
    cancelReason = reason;
    if (connection == null) {
      return false;
    }
    connection.send(cancelMessage());
    return true;
  }

  private StartdToStarter cancelMessage() {
    return StartdToStarter.newBuilder().setCancel(StarterCancel.newBuilder().setReason(cancelReason)).build();
  }

  /** SIGKILL to the step's process group, the starter and its descendants: the last resort when the daemon stops. */
  void killAll() {
    long pgid;
    ProcessHandle process;
    synchronized (this) {
      pgid = stepPgid;
      process = starter;
    }
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
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
