package org.openll.negotiator.expr;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.concurrent.ExecutionException;

/**
 * Parses each distinct expression text once and remembers the outcome, syntax errors included.
 * Thread-safe; holds at most {@link #MAX_ENTRIES} texts (least recently used are dropped).
 */
public final class ExpressionCache {
  static final int MAX_ENTRIES = 10_000;

  private record Outcome(Expression expression, String error) {}

  private final Cache<String, Outcome> cache = CacheBuilder.newBuilder().maximumSize(MAX_ENTRIES).build();

  /** The parsed {@code text}; throws {@link ExpressionSyntaxException} when it does not parse. */
  public Expression compile(String text) {
    String key = text == null ? "" : text.strip();
    Outcome outcome;
    try {
      outcome = cache.get(key, () -> parse(key));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    if (outcome.error() != null) {
      throw new ExpressionSyntaxException(outcome.error());
    }
    return outcome.expression();
  }

  private static Outcome parse(String text) {
    try {
      return new Outcome(ExpressionParser.parse(text), null);
    } catch (ExpressionSyntaxException e) {
      return new Outcome(null, e.getMessage());
    }
  }
}
