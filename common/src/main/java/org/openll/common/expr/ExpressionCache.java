package org.openll.common.expr;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.concurrent.ExecutionException;

/**
 * Parses each distinct expression text once and remembers the outcome, syntax errors included.
 * Thread-safe; holds at most {@link #MAX_ENTRIES} texts (least recently used are dropped). Throws
 * nothing but {@link ExpressionSyntaxException}.
 */
public final class ExpressionCache {
  static final int MAX_ENTRIES = 10_000;

  private record Outcome(Requirements requirements, String error) {}

  private final Cache<String, Outcome> cache = CacheBuilder.newBuilder().maximumSize(MAX_ENTRIES).build();

  /** The parsed {@code text}; throws {@link ExpressionSyntaxException} when it does not parse. */
  public Requirements compile(String text) {
    String key = text == null ? "" : text.strip();
    if (key.isEmpty()) {
      return Requirements.ALWAYS;
    }
    if (key.length() > ExpressionParser.MAX_LENGTH) {
      // Not cached: such texts would fill the cache with megabytes of keys.
      return ExpressionParser.parse(key);
    }
    Outcome outcome;
    try {
      outcome = cache.get(key, () -> parse(key));
    } catch (ExecutionException e) {
      throw new ExpressionSyntaxException("cannot parse: " + e.getCause());
    }
    if (outcome.error() != null) {
      throw new ExpressionSyntaxException(outcome.error());
    }
    return outcome.requirements();
  }

  private static Outcome parse(String text) {
    try {
      return new Outcome(ExpressionParser.parse(text), null);
    } catch (ExpressionSyntaxException e) {
      return new Outcome(null, e.getMessage());
    } catch (RuntimeException e) {
      return new Outcome(null, "cannot parse: " + e);
    }
  }
}
