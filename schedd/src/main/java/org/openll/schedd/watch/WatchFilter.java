package org.openll.schedd.watch;

import java.util.List;
import java.util.Set;
import org.openll.api.v1.StepStatus;
import org.openll.schedd.queue.StepIdPattern;

/** Which steps a watcher follows: those matching any id (all when none) and owned by one of the owners (anyone when none). */
public record WatchFilter(List<StepIdPattern> ids, Set<String> owners) {
  /** Throws INVALID_ARGUMENT for text that is no id. */
  public static WatchFilter of(List<String> ids, java.util.Collection<String> owners, String scheddName) {
    return new WatchFilter(ids.stream().map(id -> StepIdPattern.parse(id, scheddName)).toList(), Set.copyOf(owners));
  }

  public boolean matches(StepStatus step) {
    if (!owners.isEmpty() && !owners.contains(step.getOwner())) {
      return false;
    }
    if (ids.isEmpty()) {
      return true;
    }
    String[] parts = step.getStepId().split("\\.");
    if (parts.length < 3) {
      return false;
    }
    try {
      long job = Long.parseLong(parts[parts.length - 2]);
      int number = Integer.parseInt(parts[parts.length - 1]);
      return ids.stream().anyMatch(p -> p.matches(job, number));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
