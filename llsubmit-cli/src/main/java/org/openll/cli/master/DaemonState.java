package org.openll.cli.master;

import java.time.Instant;
import java.util.Optional;

/**
 * What the master knows of one daemon, as {@code run/master.status} publishes it.
 *
 * @param name the daemon's name ("negotiator", "schedd", "startd-MACHINE")
 * @param pid the pid of its current (or last) process; 0 before the first start
 * @param startedAt when its current (or last) process started, if it ever did
 * @param restartsLastHour how many times the master restarted it in the last hour
 * @param restartsPerHour the master's limit, {@code RESTARTS_PER_HOUR}
 * @param gaveUpAt when the master gave up restarting it, if it did
 */
public record DaemonState(String name, long pid, Optional<Instant> startedAt, int restartsLastHour,
    int restartsPerHour, Optional<Instant> gaveUpAt) {

  public boolean gaveUp() {
    return gaveUpAt.isPresent();
  }
}
