package org.openll.common.sysprio;

import java.util.Objects;

/**
 * A compiled SYSPRIO expression: numbers (integer or decimal), LoadLeveler's variables
 * ({@link SysprioVariables}, case-insensitive), {@code + - * /}, unary minus and parentheses, with
 * the usual precedence ({@code * /} before {@code + -}, left-associative). Immutable, thread-safe.
 *
 * <p>The text is compiled once into a tree of small nodes (constant subtrees folded), so
 * {@link #evaluate} allocates nothing and costs a few virtual calls per operator.
 *
 * <p>Division by zero evaluates to {@code 0} rather than failing or producing an infinity, so one
 * step's odd values can never stop a negotiation cycle or poison the ordering.
 */
public final class SysprioExpression {
  /** LoadLeveler's default: first come, first served. */
  public static final String DEFAULT = "0 - (QDate)";

  private final String text;
  private final SysprioNode root;

  private SysprioExpression(String text, SysprioNode root) {
    this.text = text;
    this.root = root;
  }

  /**
   * Compiles {@code text}.
   *
   * @throws IllegalArgumentException naming the 1-based column and the offending token or unknown
   *     variable, e.g. {@code "SYSPRIO: unknown variable Foo at column 12"}
   */
  public static SysprioExpression parse(String text) {
    String stripped = Objects.requireNonNull(text, "text").strip();
    return new SysprioExpression(stripped, new SysprioParser(text).parse());
  }

  /** The expression's value for one step; never throws, division by zero gives 0. */
  public double evaluate(SysprioVariables v) {
    return root.eval(v);
  }

  public String text() {
    return text;
  }

  /** Expressions are equal when their (stripped) texts are, so a reread configuration compares equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SysprioExpression other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
