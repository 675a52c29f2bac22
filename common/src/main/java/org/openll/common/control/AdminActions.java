package org.openll.common.control;

import java.util.List;
import org.openll.common.errors.OpenllException;

/**
 * A daemon's part in {@code llctl drain|resume|flush|purge}. {@link DaemonControlService} checks the
 * requester is an administrator before it calls any of these. A daemon implements what it does;
 * the rest refuse with FAILED_PRECONDITION, so {@code llctl flush} sent to a schedd says why.
 */
public interface AdminActions {
  /** A daemon that takes none of these actions (the negotiator). */
  AdminActions NONE = new AdminActions() {};

  /**
   * Takes no new work: a startd starts no new step ({@code classes} empty: none at all; else none
   * of those classes), a schedd accepts no new job. Idempotent.
   *
   * @return the state after the call, as {@link #adminState()}
   */
  default String drain(List<String> classes) {
    throw OpenllException.failedPrecondition("drain: only a schedd or a startd drains");
  }

  /** Undoes {@link #drain} (and a startd's {@link #flush}) for {@code classes}, or for everything when empty. */
  default String resume(List<String> classes) {
    throw OpenllException.failedPrecondition("resume: only a schedd or a startd resumes");
  }

  /**
   * Startd: drains the whole machine and returns its name and the steps that run on it, which
   * their schedd then vacates ({@link #purge}).
   */
  default Flushed flush() {
    throw OpenllException.failedPrecondition("flush: only a startd flushes");
  }

  /**
   * Schedd: vacates every step dispatched to one of {@code machines} at once, recording
   * {@code reason}; returns the steps vacated.
   */
  default List<String> purge(List<String> machines, String reason) {
    throw OpenllException.failedPrecondition("purge: only a schedd purges machines");
  }

  /** What an administrator changed, e.g. "" (nothing), "drained", "drained classes: small". */
  default String adminState() {
    return "";
  }

  /** What {@link #flush} did: the machine and the steps that ran on it. */
  record Flushed(String machine, List<String> stepIds) {
    public Flushed {
      stepIds = List.copyOf(stepIds);
    }
  }
}
