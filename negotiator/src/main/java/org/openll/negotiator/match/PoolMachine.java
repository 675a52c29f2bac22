package org.openll.negotiator.match;

import java.util.Objects;

/** A machine in a snapshot: its latest ad and whether it is up (a down machine gets no match). */
public record PoolMachine(Machine ad, boolean up) {
  public PoolMachine {
    Objects.requireNonNull(ad, "ad");
  }
}
