package org.openll.common.admin;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.StepLimits;
import org.openll.common.config.ConfigException;

/**
 * The {@code *_limit} keywords of LoadL_admin class stanzas, as {@link StepLimits}: time limits
 * in seconds ({@code [[hours:]minutes:]seconds[.fraction]}, the fraction rounded), sizes in bytes
 * (a number with an optional unit {@code b w kb kw mb mw gb gw tb tw pb pw eb ew}, w = 4 bytes,
 * case-insensitive, a bare number is bytes), each {@code hard[,soft]}; {@code unlimited} and
 * {@code rlim_infinity} are unlimited, {@code copy} leaves the part unset.
 */
public final class ClassLimits {
  private static final Map<String, Long> UNITS = Map.ofEntries(
      Map.entry("b", 1L), Map.entry("w", 4L), Map.entry("kb", 1L << 10), Map.entry("kw", 4L << 10),
      Map.entry("mb", 1L << 20), Map.entry("mw", 4L << 20), Map.entry("gb", 1L << 30), Map.entry("gw", 4L << 30),
      Map.entry("tb", 1L << 40), Map.entry("tw", 4L << 40), Map.entry("pb", 1L << 50), Map.entry("pw", 4L << 50),
      Map.entry("eb", 1L << 60), Map.entry("ew", 1L << 62));

  private final AdminFile admin;

  public ClassLimits(AdminFile admin) {
    this.admin = admin;
  }

  /**
   * The limits of class {@code name} (with the class {@code default} stanza's); an empty
   * {@link StepLimits} when the file has neither.
   *
   * @throws ConfigException naming the class and keyword for a value that does not parse
   */
  public StepLimits of(String name) {
    Optional<AdminFile.Stanza> stanza = admin.resolved("class", name);
    StepLimits.Builder limits = StepLimits.newBuilder();
    if (stanza.isEmpty()) {
      return limits.build();
    }
    AdminFile.Stanza s = stanza.get();
    String where = "class " + name + ": ";
    s.get("wall_clock_limit").ifPresent(v -> limits.setWallClockLimit(parse(where + "wall_clock_limit", v, true)));
    s.get("job_cpu_limit").ifPresent(v -> limits.setJobCpuLimit(parse(where + "job_cpu_limit", v, true)));
    s.get("cpu_limit").ifPresent(v -> limits.setCpuLimit(parse(where + "cpu_limit", v, true)));
    s.get("core_limit").ifPresent(v -> limits.setCoreLimit(parse(where + "core_limit", v, false)));
    s.get("data_limit").ifPresent(v -> limits.setDataLimit(parse(where + "data_limit", v, false)));
    s.get("file_limit").ifPresent(v -> limits.setFileLimit(parse(where + "file_limit", v, false)));
    s.get("rss_limit").ifPresent(v -> limits.setRssLimit(parse(where + "rss_limit", v, false)));
    s.get("stack_limit").ifPresent(v -> limits.setStackLimit(parse(where + "stack_limit", v, false)));
    s.get("as_limit").ifPresent(v -> limits.setAsLimit(parse(where + "as_limit", v, false)));
    return limits.build();
  }

  /** Parses {@code hard[,soft]}; a complaint names {@code what}. */
  static Limit parse(String what, String value, boolean time) {
    try {
      return parseLimit(value, time);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(what + ": " + e.getMessage());
    }
  }

  /**
   * Parses {@code hard[,soft]}.
   *
   * @throws IllegalArgumentException saying why: {@code "expected hard[,soft], got ..."} or
   *     {@code "not a size: ..."} / {@code "not a time: ..."}
   */
  static Limit parseLimit(String value, boolean time) {
    String[] parts = value.split(",", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException("expected hard[,soft], got " + value);
    }
    Limit.Builder limit = Limit.newBuilder();
    part(parts[0], time).ifPresent(limit::setHard);
    if (parts.length == 2) {
      part(parts[1], time).ifPresent(limit::setSoft);
    }
    return limit.build();
  }

  private static Optional<LimitValue> part(String raw, boolean time) {
    String v = raw.strip().toLowerCase(Locale.ROOT);
    if (v.isEmpty() || v.equals("copy")) {
      return Optional.empty();
    }
    if (v.equals("unlimited") || v.equals("rlim_infinity")) {
      return Optional.of(LimitValue.newBuilder().setUnlimited(true).build());
    }
    try {
      return Optional.of(LimitValue.newBuilder().setAmount(time ? seconds(v) : bytes(v)).build());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("not a " + (time ? "time" : "size") + ": " + raw.strip());
    }
  }

  static long seconds(String v) {
    String[] f = v.split(":");
    if (f.length > 3) {
      throw new NumberFormatException(v);
    }
    double total = 0;
    for (String part : f) {
      total = total * 60 + Double.parseDouble(part);
    }
    if (total < 0) {
      throw new NumberFormatException(v);
    }
    return Math.round(total);
  }

  static long bytes(String v) {
    String compact = v.replace(" ", "");
    int i = 0;
    while (i < compact.length() && (Character.isDigit(compact.charAt(i)) || compact.charAt(i) == '.')) {
      i++;
    }
    String unit = compact.substring(i);
    Long factor = unit.isEmpty() ? Long.valueOf(1) : UNITS.get(unit);
    if (factor == null || i == 0) {
      throw new NumberFormatException(v);
    }
    return Math.round(Double.parseDouble(compact.substring(0, i)) * factor);
  }
}
