package org.openll.common.admin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openll.api.v1.ResourceRequest;

/**
 * Reads the {@code name(count) ...} lists of the administration files: a machine's
 * {@code resources}, a class's {@code default_resources}, {@code FLOATING_RESOURCES}. The syntax is
 * the job command file's {@code resources}: blanks between items optional, LoadLeveler's own names
 * spelled canonically whatever the case. {@code ConsumableMemory}, {@code ConsumableVirtualMemory}
 * and {@code ConsumableLargePageMemory} take a size (a bare number is MiB, units {@code b w kb kw
 * mb mw gb gw tb tw}) and are stored in MiB rounded up; every other resource is a non-negative
 * integer count. Pure functions.
 */
public final class ResourceCounts {
  public static final String CPUS = "ConsumableCpus";
  public static final String MEMORY = "ConsumableMemory";
  public static final String VIRTUAL_MEMORY = "ConsumableVirtualMemory";

  private static final Pattern ITEM =
      Pattern.compile("\\G[\\s,]*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(([^()]*)\\)[\\s,]*");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,18}(?:\\.\\d{1,9})?|\\.\\d{1,9})\\s*([A-Za-z]{0,2})");
  private static final Map<String, String> CANONICAL = Map.of(
      "consumablecpus", CPUS,
      "consumablememory", MEMORY,
      "consumablevirtualmemory", VIRTUAL_MEMORY,
      "consumablelargepagememory", "ConsumableLargePageMemory");
  private static final Set<String> SIZED = Set.of(MEMORY, VIRTUAL_MEMORY, "ConsumableLargePageMemory");
  private static final long MIB = 1L << 20;
  private static final Map<String, Long> UNITS = Map.ofEntries(
      Map.entry("b", 1L), Map.entry("w", 4L), Map.entry("kb", 1L << 10), Map.entry("kw", 4L << 10),
      Map.entry("mb", 1L << 20), Map.entry("mw", 4L << 20), Map.entry("gb", 1L << 30), Map.entry("gw", 4L << 30),
      Map.entry("tb", 1L << 40), Map.entry("tw", 4L << 40));

  private ResourceCounts() {}

  /** LoadLeveler's spelling of {@code name} when it is one of its consumables, else {@code name}. */
  public static String canonical(String name) {
    return CANONICAL.getOrDefault(name.toLowerCase(Locale.ROOT), name);
  }

  /**
   * The resources of {@code value} by canonical name, in the order written.
   *
   * @throws IllegalArgumentException saying what cannot be read (a name given twice, a bad count or
   *     size, text that is not {@code name(count)})
   */
  public static Map<String, Long> parse(String value) {
    Map<String, Long> resources = new LinkedHashMap<>();
    Matcher item = ITEM.matcher(value);
    int end = 0;
    while (end < value.length() && item.find()) {
      end = item.end();
      String name = canonical(item.group(1));
      if (resources.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
        throw new IllegalArgumentException("resource " + name + " is given twice");
      }
      resources.put(name, amount(name, item.group(2).strip()));
    }
    if (!value.isBlank() && end < value.length()) {
      throw new IllegalArgumentException("expected name(count) name(count) ..., cannot read \""
          + value.substring(end).strip() + "\"");
    }
    return resources;
  }

  /** {@link #parse} as per-task requests. */
  public static List<ResourceRequest> requests(String value) {
    return parse(value).entrySet().stream()
        .map(e -> ResourceRequest.newBuilder().setName(e.getKey()).setAmount(e.getValue()).build())
        .toList();
  }

  private static long amount(String name, String text) {
    if (SIZED.contains(name)) {
      Matcher size = SIZE.matcher(text);
      Long unit = null;
      if (size.matches()) {
        String u = size.group(2).toLowerCase(Locale.ROOT);
        unit = u.isEmpty() ? Long.valueOf(MIB) : UNITS.get(u);
      }
      if (unit == null) {
        throw new IllegalArgumentException(name + "(" + text + "): not a size");
      }
      BigDecimal mib = new BigDecimal(size.group(1)).multiply(BigDecimal.valueOf(unit))
          .divide(BigDecimal.valueOf(MIB), 0, RoundingMode.CEILING);
      if (mib.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
        throw new IllegalArgumentException(name + "(" + text + "): too large");
      }
      return mib.longValueExact();
    }
    if (text.matches("\\d{1,15}")) {
      return Long.parseLong(text);
    }
    throw new IllegalArgumentException(name + "(" + text + "): not a non-negative integer");
  }
}
