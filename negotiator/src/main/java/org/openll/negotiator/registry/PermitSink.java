package org.openll.negotiator.registry;

/** Where permits for one schedd session go (its response stream). Implementations are thread-safe. */
@FunctionalInterface
public interface PermitSink {
  /** Sends {@code grant}; returns false when the session is gone and it could not be sent. Never throws. */
  boolean send(PermitGrant grant);
}
