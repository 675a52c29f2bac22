package org.openll.negotiator.match;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one cycle: the matches in the order they were made (highest priority first) and,
 * for each step left idle, why (for {@code llq -s}). Immutable.
 */
public record MatchPlan(List<Match> matches, Map<String, String> unmatched) {
  public MatchPlan {
    matches = List.copyOf(matches);
    unmatched = Collections.unmodifiableMap(new LinkedHashMap<>(unmatched));
  }

  public static MatchPlan empty() {
    return new MatchPlan(List.of(), Map.of());
  }

  /** Why {@code stepId} stayed idle in this cycle, if it did. */
  public Optional<String> reasonFor(String stepId) {
    return Optional.ofNullable(unmatched.get(stepId));
  }
}
