package org.openll.common.jcf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openll.api.v1.ResourceRequest;

/**
 * Reads {@code resources} and {@code node_resources}: {@code Name(amount)} items, blanks between
 * items optional ({@code ConsumableCpus(1)ConsumableMemory(2 gb)}). The memory resources take a
 * size whose bare number is MB and are stored in MB rounded up; every other resource is a count.
 * LoadLeveler's own names are spelled canonically whatever case the file uses.
 */
final class ResourcesKeyword {
  static final String CPUS = "ConsumableCpus";
  private static final Pattern ITEM = Pattern.compile("\\G[ \\t]*([A-Za-z_][A-Za-z0-9_]*)[ \\t]*\\(([^()]*)\\)[ \\t]*");
  private static final Map<String, String> CANONICAL = Map.of(
      "consumablecpus", CPUS,
      "consumablememory", "ConsumableMemory",
      "consumablevirtualmemory", "ConsumableVirtualMemory",
      "consumablelargepagememory", "ConsumableLargePageMemory");
  private static final Set<String> MEMORY =
      Set.of("ConsumableMemory", "ConsumableVirtualMemory", "ConsumableLargePageMemory");
  private static final long MB = 1L << 20;

  private ResourcesKeyword() {}

  static List<ResourceRequest> parse(String value) throws BadValueException {
    List<ResourceRequest> resources = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Matcher item = ITEM.matcher(value);
    int end = 0;
    while (end < value.length() && item.find()) {
      end = item.end();
      String written = item.group(1);
      String name = CANONICAL.getOrDefault(written.toLowerCase(Locale.ROOT), written);
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw new BadValueException("resource " + name + " is given twice");
      }
      resources.add(ResourceRequest.newBuilder().setName(name).setAmount(amount(name, item.group(2))).build());
    }
    if (!value.isBlank() && end < value.length()) {
      throw new BadValueException("cannot read " + Units.quote(value) + ": expected Name(amount) Name(amount) ...");
    }
    return resources;
  }

  /** The ConsumableCpus amount of {@code resources}, or 1 when absent. */
  static int cpus(List<ResourceRequest> resources) {
    return resources.stream().filter(r -> r.getName().equals(CPUS))
        .mapToInt(r -> (int) r.getAmount()).findFirst().orElse(1);
  }

  private static long amount(String name, String text) throws BadValueException {
    if (MEMORY.contains(name)) {
      long megabytes;
      try {
        megabytes = Units.roundUp(Units.bytes(text, MB), MB);
      } catch (BadValueException e) {
        throw new BadValueException(name + ": " + e.getMessage());
      }
      if (megabytes < 1) {
        throw new BadValueException(name + " must be more than 0, not " + Units.quote(text.strip()));
      }
      return megabytes;
    }
    String count = text.strip();
    if (count.matches("\\d{1,9}")) {
      long amount = Long.parseLong(count);
      if (amount >= 1 || !name.equals(CPUS)) {
        return amount;
      }
    }
    throw new BadValueException(name + " must be a " + (name.equals(CPUS) ? "positive" : "non-negative")
        + " integer, not " + Units.quote(count));
  }
}
