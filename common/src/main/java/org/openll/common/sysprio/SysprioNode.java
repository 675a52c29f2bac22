package org.openll.common.sysprio;

/** One node of a compiled SYSPRIO expression. Implementations are immutable and never throw. */
@FunctionalInterface
interface SysprioNode {
  double eval(SysprioVariables v);

  /** A literal number. */
  record Constant(double value) implements SysprioNode {
    @Override
    public double eval(SysprioVariables v) {
      return value;
    }
  }

  /** {@code -operand}. */
  record Negate(SysprioNode operand) implements SysprioNode {
    @Override
    public double eval(SysprioVariables v) {
      return -operand.eval(v);
    }
  }

  /** {@code left + right}. */
  record Add(SysprioNode left, SysprioNode right) implements SysprioNode {
    @Override
    public double eval(SysprioVariables v) {
      return left.eval(v) + right.eval(v);
    }
  }

  /** {@code left - right}. */
  record Subtract(SysprioNode left, SysprioNode right) implements SysprioNode {
    @Override
    public double eval(SysprioVariables v) {
      return left.eval(v) - right.eval(v);
    }
  }

  /** {@code left * right}. */
  record Multiply(SysprioNode left, SysprioNode right) implements SysprioNode {
    @Override
    public double eval(SysprioVariables v) {
      return left.eval(v) * right.eval(v);
    }
  }

  /** {@code left / right}, or 0 when {@code right} is 0. */
  record Divide(SysprioNode left, SysprioNode right) implements SysprioNode {
    @Override
    public double eval(SysprioVariables v) {
      double divisor = right.eval(v);
      return divisor == 0 ? 0 : left.eval(v) / divisor;
    }
  }
}
