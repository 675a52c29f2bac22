package org.openll.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code LoadL_config}-style file: {@code KEYWORD = value} lines, {@code #} comments, a trailing
 * {@code \} continues a line. Keywords are case-insensitive. A missing file is an empty
 * configuration: the personal cluster's defaults apply.
 *
 * <p>Immutable and thread-safe.
 */
public final class LoadLConfig {
  private final Map<String, String> values;
  private final String source;

  private LoadLConfig(Map<String, String> values, String source) {
    this.values = Map.copyOf(values);
    this.source = source;
  }

  public static LoadLConfig empty() {
    return new LoadLConfig(Map.of(), "(defaults)");
  }

  /** Reads {@code file}; a missing file gives the empty configuration. */
  public static LoadLConfig load(Path file) throws IOException {
    try {
      return parse(Files.readAllLines(file), file.toString());
    } catch (NoSuchFileException e) {
      return new LoadLConfig(Map.of(), file + " (absent)");
    }
  }

  /** Parses the lines of a configuration file named {@code source} in messages. */
  public static LoadLConfig parse(List<String> lines, String source) {
    Map<String, String> values = new LinkedHashMap<>();
    StringBuilder pending = new StringBuilder();
    int startLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (pending.isEmpty()) {
        startLine = i + 1;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      pending.append(line);
      String statement = pending.toString().strip();
      pending.setLength(0);
      int eq = statement.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(source + ":" + startLine + ": expected KEYWORD = value, got: " + statement);
      }
      values.put(statement.substring(0, eq).strip().toUpperCase(Locale.ROOT), statement.substring(eq + 1).strip());
    }
    return new LoadLConfig(values, source);
  }

  public Optional<String> get(String keyword) {
    return Optional.ofNullable(values.get(keyword.toUpperCase(Locale.ROOT)));
  }

  public String getString(String keyword, String defaultValue) {
    return get(keyword).orElse(defaultValue);
  }

  public int getInt(String keyword, int defaultValue) {
    return get(keyword).map(v -> parseNumber(keyword, v)).map(Long::intValue).orElse(defaultValue);
  }

  /** A boolean keyword: {@code true} or {@code false} in any case, as LoadLeveler writes them. */
  public boolean getBoolean(String keyword, boolean defaultValue) {
    return get(keyword).map(v -> switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(source + ": " + keyword.toUpperCase(Locale.ROOT) + " = " + v + ": not true or false");
    }).orElse(defaultValue);
  }

  /**
   * A duration keyword. LoadLeveler's intervals are in seconds; openll also accepts a unit suffix
   * ({@code ms}, {@code s}, {@code m}) so tests can use sub-second intervals.
   */
  public Duration getDuration(String keyword, Duration defaultValue) {
    return get(keyword).map(v -> parseDuration(keyword, v)).orElse(defaultValue);
  }

  private Duration parseDuration(String keyword, String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.endsWith("ms")) {
      return Duration.ofMillis(parseNumber(keyword, v.substring(0, v.length() - 2)));
    }
    if (v.endsWith("s")) {
      return Duration.ofSeconds(parseNumber(keyword, v.substring(0, v.length() - 1)));
    }
    if (v.endsWith("m")) {
      return Duration.ofMinutes(parseNumber(keyword, v.substring(0, v.length() - 1)));
    }
    return Duration.ofSeconds(parseNumber(keyword, v));
  }

  private long parseNumber(String keyword, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(source + ": " + keyword.toUpperCase(Locale.ROOT) + " = " + value + ": not a number");
    }
  }

  @Override
  public String toString() {
    return source;
  }
}
