package org.openll.common.expr;

import java.util.Objects;
import java.util.Set;

/**
 * A parsed {@code requirements} or {@code preferences} expression of LoadLeveler's language, ready
 * to be tested against the attributes of machines. Immutable and thread-safe; {@link #test} never
 * throws. Parse with {@link #parse} (every call parses) or {@link #of} / {@link ExpressionCache}
 * (each distinct text parsed once).
 *
 * <p>Semantics (see {@code docs/expressions.md}):
 * <ul>
 *   <li>Attribute names are case-insensitive ({@code opsys} is {@code OpSys}).
 *   <li>Strings compare without regard to case ({@code OpSys == "linux"} matches {@code Linux});
 *       {@code < <= > >=} on strings compare them lexicographically, ignoring case.
 *   <li>Numbers compare numerically ({@code 4096 == 4096.0}).
 *   <li>{@code x == { "a" "b" }} is membership, {@code !=} its negation. A multi-valued attribute
 *       ({@code Feature}, {@code Class}) equals a value when it contains it, and a set when they
 *       share a value. {@code Class} of a machine that runs any class equals every value.
 *   <li>A comparison that names an attribute the machine does not have is false, whatever the
 *       operator ({@code Disk != 5} is false too); so {@code !(Disk > 5)} is true.
 *   <li>A string compared with a number: {@code ==} is false, {@code !=} true, the orderings false.
 *   <li>An empty or blank text is always true.
 * </ul>
 */
public final class Requirements {
  /** The empty expression: every machine satisfies it. */
  public static final Requirements ALWAYS = new Requirements("", Expression.TRUE, Set.of());

  private static final ExpressionCache SHARED = new ExpressionCache();

  private final String text;
  private final Expression expression;
  private final Set<String> attributeNames;

  Requirements(String text, Expression expression, Set<String> attributeNames) {
    this.text = text;
    this.expression = expression;
    this.attributeNames = Set.copyOf(attributeNames);
  }

  /**
   * Parses {@code text} (null or blank gives {@link #ALWAYS}). Throws
   * {@link ExpressionSyntaxException} naming the offending column, and also when the text is
   * longer than {@link ExpressionParser#MAX_LENGTH} characters or nests deeper than
   * {@link ExpressionParser#MAX_DEPTH} parentheses and {@code !}.
   */
  public static Requirements parse(String text) {
    return ExpressionParser.parse(text);
  }

  /** Like {@link #parse}, but each distinct text is parsed once per process (a bounded shared cache). */
  public static Requirements of(String text) {
    return SHARED.compile(text);
  }

  /**
   * Whether {@code attributes} satisfy this expression. Never throws: an attribute source that
   * throws makes the result false.
   */
  public boolean test(Attributes attributes) {
    Objects.requireNonNull(attributes, "attributes");
    try {
      return expression.test(attributes);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Whether the expression names attribute {@code name} anywhere (case-insensitive), e.g. {@code OpSys}. */
  public boolean mentions(String name) {
    return attributeNames.contains(Value.key(name));
  }

  /** The lower-cased names of the attributes the expression names. */
  public Set<String> attributeNames() {
    return attributeNames;
  }

  /** Whether this is the empty, always-true expression. */
  public boolean isAlways() {
    return expression == Expression.TRUE;
  }

  /** The text this was parsed from, stripped. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
