package org.openll.negotiator.expr;

/**
 * A parsed boolean expression of LoadLeveler's {@code requirements}/{@code preferences} language.
 * Immutable and thread-safe; evaluation never throws.
 *
 * <p>Semantics:
 * <ul>
 *   <li>Strings compare without regard to case ({@code OpSys == "linux"} matches {@code Linux});
 *       {@code < <= > >=} on strings compare them lexicographically, ignoring case.
 *   <li>{@code x == { "a" "b" }} is membership, {@code !=} its negation. A multi-valued attribute
 *       ({@code Feature}) equals a value when it contains it, and a set when they share a value.
 *   <li>A comparison that names an attribute the machine does not have is false, whatever the
 *       operator ({@code Disk != 5} is false too); so {@code !(Disk > 5)} is true.
 *   <li>A string compared with a number: {@code ==} is false, {@code !=} true, the orderings false.
 * </ul>
 */
public interface Expression {
  /** The always-true expression (an empty requirements string). */
  Expression TRUE = attributes -> true;

  boolean test(Attributes attributes);
}
