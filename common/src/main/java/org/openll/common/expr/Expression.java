package org.openll.common.expr;

/**
 * A parsed boolean expression; the tree behind {@link Requirements}, which documents the
 * semantics. Immutable and thread-safe.
 */
interface Expression {
  /** The always-true expression (an empty requirements string). */
  Expression TRUE = attributes -> true;

  boolean test(Attributes attributes);
}
