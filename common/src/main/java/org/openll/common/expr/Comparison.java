package org.openll.common.expr;

/** {@code left OP right}; see {@link Requirements} for the semantics. */
record Comparison(Operand left, Operator operator, Operand right) implements Expression {

  enum Operator {
    /** Equal, or membership when one side is a set. */
    EQ("=="),
    /** Not equal, or not a member. */
    NE("!="),
    /** Less than. */
    LT("<"),
    /** Less than or equal. */
    LE("<="),
    /** Greater than. */
    GT(">"),
    /** Greater than or equal. */
    GE(">=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    /** The operator spelled {@code symbol}, or {@code null} when it is not a comparison. */
    static Operator of(String symbol) {
      for (Operator op : values()) {
        if (op.symbol.equals(symbol)) {
          return op;
        }
      }
      return null;
    }
  }

  @Override
  public boolean test(Attributes attributes) {
    Value a = left.resolve(attributes);
    Value b = right.resolve(attributes);
    if (a == null || b == null) {
      return false;
    }
    return switch (operator) {
      case EQ -> equal(a, b);
      case NE -> !equal(a, b);
      case LT -> order(a, b) instanceof Integer c && c < 0;
      case LE -> order(a, b) instanceof Integer c && c <= 0;
      case GT -> order(a, b) instanceof Integer c && c > 0;
      case GE -> order(a, b) instanceof Integer c && c >= 0;
    };
  }

  private static boolean equal(Value a, Value b) {
    if (a instanceof Value.Any || b instanceof Value.Any) {
      return true;
    }
    if (a instanceof Value.Multi m) {
      for (Value x : m.values()) {
        if (equal(x, b)) {
          return true;
        }
      }
      return false;
    }
    if (b instanceof Value.Multi m) {
      for (Value y : m.values()) {
        if (equal(a, y)) {
          return true;
        }
      }
      return false;
    }
    if (a instanceof Value.Text x && b instanceof Value.Text y) {
      return x.value().equalsIgnoreCase(y.value());
    }
    if (a instanceof Value.Number x && b instanceof Value.Number y) {
      return x.value() == y.value();
    }
    return false;
  }

  /** The order of two scalars of one type, or {@code null} when they do not compare. */
  private static Integer order(Value a, Value b) {
    if (a instanceof Value.Text x && b instanceof Value.Text y) {
      return x.value().compareToIgnoreCase(y.value());
    }
    if (a instanceof Value.Number x && b instanceof Value.Number y) {
      return Double.compare(x.value(), y.value());
    }
    return null;
  }

  @Override
  public String toString() {
    return left + " " + operator.symbol + " " + right;
  }
}
