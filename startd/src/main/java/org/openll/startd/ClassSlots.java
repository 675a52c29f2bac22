package org.openll.startd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openll.common.config.ConfigException;

/**
 * The {@code CLASS} keyword of a machine's configuration: the job classes it runs and how many
 * tasks of each at once (initiators). {@code CLASS = small(4) large(1)} is LoadLeveler's
 * per-machine form; the older list form {@code CLASS = { "small" "small" "large" }} (quotes and
 * braces optional) gives one initiator per occurrence. Both may mix.
 */
final class ClassSlots {
  static final String KEYWORD = "CLASS";
  private static final Pattern ITEM =
      Pattern.compile("\\G[\\s{}\"]*([A-Za-z_][A-Za-z0-9_.+-]*)\\s*(?:\\(\\s*(\\d+)\\s*\\))?\"?[\\s{}\"]*");

  private ClassSlots() {}

  /**
   * @return initiators by class, in file order; empty for an empty value
   * @throws ConfigException naming {@code source} and {@code CLASS} for text that is neither form
   */
  static Map<String, Integer> parse(String text, String source) {
    Map<String, Integer> slots = new LinkedHashMap<>();
    String value = text.strip();
    if (value.replaceAll("[\\s{}\"]", "").isEmpty()) {
      return slots;
    }
    Matcher m = ITEM.matcher(value);
    int end = 0;
    while (end < value.length() && m.find() && m.start() == end && m.end() > end) {
      int count = m.group(2) == null ? 1 : parseCount(m.group(2), source);
      slots.merge(m.group(1), count, Integer::sum);
      end = m.end();
    }
    if (end < value.length()) {
      throw new ConfigException(source + ": " + KEYWORD + ": expected name(n) or a list of names, got \""
          + value.substring(end).strip() + "\"");
    }
    return slots;
  }

  private static int parseCount(String digits, String source) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new ConfigException(source + ": " + KEYWORD + ": " + digits + " initiators is too many");
    }
  }
}
