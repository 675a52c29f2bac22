package org.openll.startd;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openll.common.config.ConfigException;

/**
 * LoadLeveler's {@code name(count) name(count) ...} lists: a machine's consumables (the machine
 * stanza's {@code resources}, LoadL_config's {@code RESOURCES}). {@code ConsumableMemory} and
 * {@code ConsumableVirtualMemory} are in MiB; they take an optional unit ({@code b}, {@code kb},
 * {@code mb}, {@code gb}, {@code tb}, bare meaning MiB as in LoadLeveler).
 */
final class ResourceList {
  static final String MEMORY = "ConsumableMemory";
  static final String VIRTUAL_MEMORY = "ConsumableVirtualMemory";
  static final String CPUS = "ConsumableCpus";
  private static final Set<String> MEMORY_NAMES = Set.of(MEMORY, VIRTUAL_MEMORY);
  private static final Pattern ITEM =
      Pattern.compile("\\G\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*\\(\\s*(\\d+)\\s*([A-Za-z]*)\\s*\\)\\s*");
  private static final long MIB = 1L << 20;

  private ResourceList() {}

  /**
   * @param where the file and keyword, for messages ("LoadL_config: RESOURCES")
   * @throws ConfigException naming {@code where} and the text that is not {@code name(count)}
   */
  static Map<String, Long> parse(String text, String where) {
    Map<String, Long> resources = new LinkedHashMap<>();
    String value = text.strip();
    Matcher m = ITEM.matcher(value);
    int end = 0;
    while (end < value.length() && m.find() && m.start() == end) {
      String name = m.group(1);
      resources.put(name, amount(name, Long.parseLong(m.group(2)), m.group(3), where));
      end = m.end();
    }
    if (end < value.length()) {
      throw new ConfigException(where + ": expected name(count), got \"" + value.substring(end).strip() + "\"");
    }
    return resources;
  }

  private static long amount(String name, long count, String unit, String where) {
    if (!MEMORY_NAMES.contains(name)) {
      if (!unit.isEmpty()) {
        throw new ConfigException(where + ": " + name + "(" + count + unit + "): only memory takes a unit");
      }
      return count;
    }
    long bytesPerUnit = switch (unit.toLowerCase(Locale.ROOT)) {
      case "b" -> 1;
      case "kb", "k" -> 1L << 10;
      case "", "mb", "m" -> MIB;
      case "gb", "g" -> 1L << 30;
      case "tb", "t" -> 1L << 40;
      default -> throw new ConfigException(where + ": " + name + "(" + count + unit + "): unknown unit " + unit);
    };
    return Math.multiplyExact(count, bytesPerUnit) / MIB;
  }
}
