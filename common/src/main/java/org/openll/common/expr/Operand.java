package org.openll.common.expr;

/** One side of a comparison: an attribute of the machine or a literal. */
sealed interface Operand {
  /** The operand's value against {@code attributes}, or {@code null} for an unknown attribute. */
  Value resolve(Attributes attributes);

  /** {@code key}: the name as {@link Attributes#get} takes it, made once rather than at each test. */
  record Attribute(String name, String key) implements Operand {
    Attribute(String name) {
      this(name, Value.key(name));
    }

    @Override
    public Value resolve(Attributes attributes) {
      return attributes.get(key);
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
