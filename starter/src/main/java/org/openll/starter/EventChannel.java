package org.openll.starter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import org.openll.api.v1.StarterEvent;

/**
 * The starter's half of the pipe to its startd: length-delimited {@link StarterEvent}s, flushed one
 * by one. Thread-safe. A broken pipe (the startd went away) is reported once on stderr and later
 * events are dropped: the step keeps running and its final record still reaches the spool.
 */
final class EventChannel {
  private final OutputStream out;
  private final PrintStream err;
  private boolean broken;

  EventChannel(OutputStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Sends {@code event}; returns false when the startd can no longer be reached. */
  synchronized boolean send(StarterEvent event) {
    if (broken) {
      return false;
    }
    try {
      event.writeDelimitedTo(out);
      out.flush();
      return true;
    } catch (IOException e) {
      broken = true;
      err.println("starter: cannot send events to the startd any more: " + e.getMessage());
      return false;
    }
  }
}
