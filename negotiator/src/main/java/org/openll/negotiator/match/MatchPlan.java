package org.openll.negotiator.match;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one cycle: the matches in the order they were made (highest priority first) and a
 * verdict for every idle step considered, matched or not (for {@code llq -s}). Immutable.
 */
public record MatchPlan(List<Match> matches, Map<String, StepVerdict> verdicts) {
  public MatchPlan {
    matches = List.copyOf(matches);
    verdicts = Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
  }

  public static MatchPlan empty() {
    return new MatchPlan(List.of(), Map.of());
  }

  /** Why {@code stepId} stayed idle in this cycle, if it did. */
  public Optional<String> reasonFor(String stepId) {
    StepVerdict v = verdicts.get(stepId);
    return v == null || v.matched() ? Optional.empty() : Optional.of(v.summary());
  }

  public Optional<StepVerdict> verdict(String stepId) {
    return Optional.ofNullable(verdicts.get(stepId));
  }
}
