package org.openll.common.expr;

/** One side of a comparison: an attribute of the machine or a literal. */
sealed interface Operand {
  /** The operand's value against {@code attributes}, or {@code null} for an unknown attribute. */
  Value resolve(Attributes attributes);

  record Attribute(String name) implements Operand {
    @Override
    public Value resolve(Attributes attributes) {
      return attributes.get(Value.key(name));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  record Literal(Value value) implements Operand {
    @Override
    public Value resolve(Attributes attributes) {
      return value;
    }

    @Override
    public String toString() {
      return value.toString();
    }
  }
}
