package org.openll.negotiator.expr;

/**
 * The attributes an expression is evaluated against (a machine's ad). Names arrive lower-cased,
 * so lookups are case-insensitive.
 */
@FunctionalInterface
public interface Attributes {
  /** The value of attribute {@code lowerCaseName}, or {@code null} when this source has no such attribute. */
  Value get(String lowerCaseName);
}
