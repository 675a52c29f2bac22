package org.openll.negotiator.expr;

import java.util.List;
import java.util.Locale;

/** A value in a requirements expression: a string, a number, or a set of values. Immutable. */
public sealed interface Value {

  /** A string; compared without regard to case. */
  record Text(String value) implements Value {
    public Text {
      value = value == null ? "" : value;
    }

    @Override
    public String toString() {
      return '"' + value + '"';
    }
  }

  /** A number (integers are exact up to 2^53). */
  record Number(double value) implements Value {
    @Override
    public String toString() {
      return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
  }

  /** A set literal such as {@code { "a" "b" }}, or a multi-valued attribute such as {@code Feature}. */
  record Multi(List<Value> values) implements Value {
    public Multi {
      values = List.copyOf(values);
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("{");
      values.forEach(v -> out.append(' ').append(v));
      return out.append(" }").toString();
    }
  }

  static Value text(String value) {
    return new Text(value);
  }

  static Value number(double value) {
    return new Number(value);
  }

  static Value texts(List<String> values) {
    return new Multi(values.stream().map(Value::text).toList());
  }

  /** Case-insensitive key used for attribute names. */
  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
