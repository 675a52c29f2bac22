package org.openll.common.expr;

import java.util.HashMap;
import java.util.Map;

/**
 * The attributes an expression is evaluated against (a machine's ad). Names arrive lower-cased,
 * so lookups are case-insensitive. Implementations should not throw; if one does,
 * {@link Requirements#test} treats the expression as not satisfied.
 */
@FunctionalInterface
public interface Attributes {
  /** No attributes at all: every comparison that names one is false. */
  Attributes NONE = name -> null;

  /** The value of attribute {@code lowerCaseName}, or {@code null} when this source has no such attribute. */
  Value get(String lowerCaseName);

  /** The attributes of {@code values}, whose names may be in any case (later duplicates win). */
  static Attributes of(Map<String, Value> values) {
    Map<String, Value> byKey = new HashMap<>();
    values.forEach((name, value) -> byKey.put(Value.key(name), value));
    return byKey::get;
  }

  /** These attributes, then {@code fallback} for names these do not have. */
  default Attributes orElse(Attributes fallback) {
    return name -> {
      Value value = get(name);
      return value != null ? value : fallback.get(name);
    };
  }
}
