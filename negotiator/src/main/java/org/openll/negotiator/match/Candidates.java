package org.openll.negotiator.match;

/** Where {@link TaskLayout#choose} takes a step's candidate machines from, best ranked first. */
interface Candidates {
  /** The next machine by rank, or null when there is none left. */
  MachineState next();

  /** Returns a machine taken by {@link #next()} and not used. */
  void putBack(MachineState m);

  /** Tasks of the step that {@code m} has room for now; 0 when it can take none. */
  int capacity(MachineState m);
}
