package org.openll.common.expr;

/** A requirements or preferences expression that does not parse; the message names the position. */
public final class ExpressionSyntaxException extends RuntimeException {
  public ExpressionSyntaxException(String message) {
    super(message);
  }
}
