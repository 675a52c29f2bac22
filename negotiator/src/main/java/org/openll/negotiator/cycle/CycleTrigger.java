package org.openll.negotiator.cycle;

/** Asks for a negotiation cycle soon, because something changed. Thread-safe, never blocks. */
@FunctionalInterface
public interface CycleTrigger {
  void requestCycle();
}
