package org.openll.common.expr;

import java.util.List;
import java.util.Locale;

/** A value in a requirements expression: a string, a number, a set of values, or every value. Immutable. */
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
      return value == Math.rint(value) && Math.abs(value) < 1e18 ? Long.toString((long) value) : Double.toString(value);
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

  /**
   * Every value: {@code ==} anything is true, {@code !=} anything false, orderings false. The
   * {@code Class} of a machine that runs any class.
   */
  record Any() implements Value {
    @Override
    public String toString() {
      return "{ * }";
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

  static Value any() {
    return new Any();
  }

  /**
   * A value that an ad carries as a string ({@code Pool}, extra attributes): a {@link Number} when
   * the whole string is a decimal number such as {@code 2}, {@code -1.5}, else {@link Text}.
   */
  static Value ofAdString(String value) {
    String s = value == null ? "" : value.strip();
    if (isDecimal(s)) {
      return new Number(Double.parseDouble(s));
    }
    return new Text(value);
  }

  /**
   * Whether {@code s} is {@code -?(\d{1,30}(\.\d{0,30})?|\.\d{1,30})}, ASCII digits; without a
   * regular expression, since a cycle asks for each machine's extra attributes ~10^5 times.
   */
  private static boolean isDecimal(String s) {
    int i = s.startsWith("-") ? 1 : 0;
    int whole = digitsAt(s, i);
    i += whole;
    int fraction = -1;
    if (i < s.length() && s.charAt(i) == '.') {
      fraction = digitsAt(s, i + 1);
      i += 1 + fraction;
    }
    return i == s.length() && whole <= 30 && fraction <= 30 && (whole > 0 || fraction > 0);
  }

  private static int digitsAt(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  /** Case-insensitive key used for attribute names. */
  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
