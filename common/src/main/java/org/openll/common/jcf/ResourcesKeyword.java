package org.openll.common.jcf;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code resources} keyword ({@code name(count) name(count) ...}, blanks between items
 * optional). Only {@code ConsumableCpus} is used now; other resources are ignored with a warning.
 */
final class ResourcesKeyword {
  private static final Pattern ITEM = Pattern.compile("\\G[ \\t]*([A-Za-z_][A-Za-z0-9_]*)[ \\t]*\\(([^()]*)\\)[ \\t]*");

  private ResourcesKeyword() {}

  /** The ConsumableCpus count, or 1 when not given. */
  static int cpus(String value, Consumer<String> warnings) throws BadValueException {
    int cpus = 1;
    Matcher item = ITEM.matcher(value);
    int end = 0;
    while (end < value.length() && item.find()) {
      end = item.end();
      String name = item.group(1);
      String count = item.group(2).strip();
      if (name.equalsIgnoreCase("ConsumableCpus")) {
        cpus = positive(count);
      } else {
        warnings.accept("resource " + name + " is not supported yet; ignored");
      }
    }
    if (!value.isBlank() && end < value.length()) {
      throw new BadValueException("cannot read resources \"" + value + "\": expected name(count) name(count) ...");
    }
    return cpus;
  }

  private static int positive(String count) throws BadValueException {
    try {
      int cpus = Integer.parseInt(count);
      if (cpus >= 1) {
        return cpus;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadValueException("ConsumableCpus must be a positive integer, not \"" + count + "\"");
  }
}
