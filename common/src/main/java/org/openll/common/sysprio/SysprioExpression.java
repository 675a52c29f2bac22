package org.openll.common.sysprio;

import java.util.Objects;

/**
 * A compiled SYSPRIO expression: numbers, LoadLeveler's variables ({@link SysprioVariables},
 * case-insensitive), {@code + - * /}, unary minus and parentheses. Immutable, thread-safe.
 *
 * <p>CONTRACT STUB: the admin-model work implements {@link #parse} and {@link #evaluate}; until
 * then every step evaluates to {@code -QDate} (first come, first served).
 */
public final class SysprioExpression {
  /** LoadLeveler's default: first come, first served. */
  public static final String DEFAULT = "0 - (QDate)";

  private final String text;

  private SysprioExpression(String text) {
    this.text = text;
  }

  /** @throws IllegalArgumentException naming the position and the token or unknown variable */
  public static SysprioExpression parse(String text) {
    return new SysprioExpression(Objects.requireNonNull(text, "text").strip());
  }

  public double evaluate(SysprioVariables v) {
    return -v.qDate();
  }

  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
