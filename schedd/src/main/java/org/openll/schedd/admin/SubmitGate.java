package org.openll.schedd.admin;

import com.google.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openll.common.errors.OpenllException;

/**
 * {@code llctl drain schedd}: while closed the schedd accepts no new job; the steps it queued
 * still run. Open at start (a restart resumes). Thread-safe.
 */
@Singleton
public final class SubmitGate {
  private final AtomicBoolean closed = new AtomicBoolean();

  public void close() {
    closed.set(true);
  }

  public void open() {
    closed.set(false);
  }

  public boolean isClosed() {
    return closed.get();
  }

  /** Throws FAILED_PRECONDITION while the schedd is drained. */
  public void checkOpen() {
    if (closed.get()) {
      throw OpenllException.failedPrecondition(
          "the schedd is drained (llctl drain schedd): it accepts no new job until llctl resume schedd");
    }
  }
}
