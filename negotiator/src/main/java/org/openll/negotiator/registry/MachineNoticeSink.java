package org.openll.negotiator.registry;

/** Where one schedd session is told of lost and returning machines (its response stream). Thread-safe. */
@FunctionalInterface
public interface MachineNoticeSink {
  /** Sends {@code notice}; returns false when the session is gone. Never throws. */
  boolean send(MachineNotice notice);
}
