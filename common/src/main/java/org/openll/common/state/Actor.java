package org.openll.common.state;

/** Who may make a transition. */
public enum Actor {
  /** The schedd, on its own decision or a user's command. */
  SCHEDD,
  /** The negotiator (central manager). */
  NEGOTIATOR,
  /** A startd, relaying what its starter observed. */
  STARTD
}
