package org.openll.negotiator.match;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A step that holds machines: from its permit until its schedd releases it. The negotiator counts
 * its shares against the machines' consumables, its tasks against the class and user limits, and
 * (backfill) expects its machines back by {@code since + wallClockLimit}.
 *
 * @param machines its shares, the first on the machine that runs the command
 * @param since when its permit was issued
 * @param wallClockLimit its hard wall-clock limit; {@link Duration#ZERO} when none
 */
public record Allocation(String stepId, String owner, String group, String jobClass, List<MachineShare> machines,
    Instant since, Duration wallClockLimit) {
  public Allocation {
    Objects.requireNonNull(stepId, "stepId");
    owner = Objects.requireNonNullElse(owner, "");
    group = Objects.requireNonNullElse(group, "");
    jobClass = Objects.requireNonNullElse(jobClass, "");
    machines = List.copyOf(machines);
    since = Objects.requireNonNullElse(since, Instant.EPOCH);
    wallClockLimit = Objects.requireNonNullElse(wallClockLimit, Duration.ZERO);
  }

  public int tasks() {
    return machines.stream().mapToInt(MachineShare::tasks).sum();
  }
}
