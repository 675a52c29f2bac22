package org.openll.negotiator.cycle;

import java.time.Instant;
import java.util.List;
import org.openll.negotiator.match.Allocation;
import org.openll.negotiator.match.SchedulingPolicy;

/** The rules of the next cycle, given what the pool's allocations hold at {@code now}. */
@FunctionalInterface
public interface PolicySource {
  SchedulingPolicy policy(List<Allocation> allocations, Instant now);

  static PolicySource fixed(SchedulingPolicy policy) {
    return (allocations, now) -> policy;
  }
}
