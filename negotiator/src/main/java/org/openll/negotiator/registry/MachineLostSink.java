package org.openll.negotiator.registry;

/** Where one schedd session is told of lost machines (its response stream). Thread-safe. */
@FunctionalInterface
public interface MachineLostSink {
  /** Sends {@code lost}; returns false when the session is gone. Never throws. */
  boolean send(MachineLost lost);
}
