package org.openll.common.jcf;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.openll.api.v1.EnvVar;

/**
 * Resolves the {@code environment} keyword against llsubmit's environment. Items are separated by
 * {@code ;}: {@code COPY_ALL} copies every variable (in name order), {@code $VAR} copies one,
 * {@code VAR=value} sets one, {@code !VAR} removes one wherever it stands in the list. Without
 * {@code COPY_ALL} only the listed variables are set. A name appears at most once, at the place it
 * was first added.
 */
final class EnvironmentKeyword {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvironmentKeyword() {}

  static List<EnvVar> resolve(String value, Map<String, String> submitEnvironment, Consumer<String> warnings)
      throws BadValueException {
    Map<String, String> result = new LinkedHashMap<>();
    Set<String> removed = new HashSet<>();
    for (String rawItem : value.split(";")) {
      String item = rawItem.strip();
      if (item.isEmpty()) {
        continue;
      }
      if (item.equalsIgnoreCase("COPY_ALL")) {
        new TreeMap<>(submitEnvironment).forEach(result::putIfAbsent);
      } else if (item.startsWith("$")) {
        String name = name(item.substring(1), item);
        String copied = submitEnvironment.get(name);
        if (copied == null) {
          warnings.accept("environment variable " + name + " is not set; not copied");
        } else {
          result.put(name, copied);
        }
      } else if (item.startsWith("!")) {
        removed.add(name(item.substring(1), item));
      } else if (item.indexOf('=') > 0) {
        int equals = item.indexOf('=');
        result.put(name(item.substring(0, equals).strip(), item), item.substring(equals + 1).strip());
      } else {
        throw new BadValueException(
            "environment item \"" + item + "\" is not COPY_ALL, $VAR, !VAR or VAR=value");
      }
    }
    result.keySet().removeAll(removed);
    return result.entrySet().stream()
        .map(e -> EnvVar.newBuilder().setName(e.getKey()).setValue(e.getValue()).build())
        .toList();
  }

  private static String name(String name, String item) throws BadValueException {
    String stripped = name.strip();
    if (!NAME.matcher(stripped).matches()) {
      throw new BadValueException("environment item \"" + item + "\" has a bad variable name");
    }
    return stripped;
  }
}
