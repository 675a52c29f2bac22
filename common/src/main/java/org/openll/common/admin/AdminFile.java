package org.openll.common.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openll.common.config.ConfigException;

/**
 * A LoadL_admin file: stanzas {@code label: type = class} followed by {@code keyword = value}
 * lines, until the next stanza. A stanza labelled {@code default} gives the defaults of its type.
 * {@code #} starts a comment, {@code \} at the end of a line continues it; keywords and types are
 * case-insensitive, labels are not. Each stanza and keyword keeps its line so that errors can name
 * {@code file:line}. Immutable; a missing file is an empty one.
 */
public final class AdminFile {
  /** The stanza types openll reads; {@code adapter} stanzas are accepted and ignored. */
  public static final Set<String> TYPES = Set.of("class", "user", "group", "machine", "adapter");

  /**
   * One stanza: its label, its type and its keywords (lower case) in file order.
   *
   * @param line the line of the stanza's header (0 when not from a file)
   * @param keywordLines the line of each keyword
   */
  public record Stanza(String label, String type, Map<String, String> keywords, int line,
      Map<String, Integer> keywordLines) {
    public Stanza {
      keywords = Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
      keywordLines = Map.copyOf(keywordLines);
    }

    public Stanza(String label, String type, Map<String, String> keywords) {
      this(label, type, keywords, 0, Map.of());
    }

    public Optional<String> get(String keyword) {
      return Optional.ofNullable(keywords.get(keyword.toLowerCase(Locale.ROOT)));
    }

    /** The line {@code keyword} is on, else the stanza's line. */
    public int lineOf(String keyword) {
      return keywordLines.getOrDefault(keyword.toLowerCase(Locale.ROOT), line);
    }
  }

  private final List<Stanza> stanzas;
  private final String source;

  private AdminFile(List<Stanza> stanzas, String source) {
    this.stanzas = List.copyOf(stanzas);
    this.source = source;
  }

  public static AdminFile empty() {
    return new AdminFile(List.of(), "(none)");
  }

  /** Reads {@code file}; a missing file gives {@link #empty()}. */
  public static AdminFile load(Path file) throws IOException {
    try {
      return parse(Files.readAllLines(file), file.toString());
    } catch (NoSuchFileException e) {
      return empty();
    }
  }

  /**
   * @throws ConfigException naming {@code source} and the line for a line that is neither a
   *     stanza header nor {@code keyword = value}, a keyword before any stanza, a stanza type
   *     openll does not know, or a stanza defined twice
   */
  public static AdminFile parse(List<String> lines, String source) {
    List<Stanza> stanzas = new ArrayList<>();
    String label = null;
    String type = null;
    int stanzaLine = 0;
    Map<String, String> keywords = new LinkedHashMap<>();
    Map<String, Integer> keywordLines = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    StringBuilder pending = new StringBuilder();
    int startLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String raw = lines.get(i);
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      if (pending.isEmpty()) {
        startLine = i + 1;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      line = (pending + line).strip();
      pending.setLength(0);
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      int eq = line.indexOf('=');
      if (colon > 0 && (eq < 0 || colon < eq)) {
        if (label != null) {
          stanzas.add(new Stanza(label, type, keywords, stanzaLine, keywordLines));
        }
        label = line.substring(0, colon).strip();
        String rest = line.substring(colon + 1).strip();
        String[] typeParts = rest.split("=", 2);
        if (typeParts.length != 2 || !typeParts[0].strip().equalsIgnoreCase("type")) {
          throw new ConfigException(source + ":" + startLine + ": stanza " + label + " needs 'type = ...'");
        }
        type = typeParts[1].strip().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
          throw new ConfigException(source + ":" + startLine + ": stanza " + label + ": unknown type "
              + typeParts[1].strip() + " (expected class, user, group, machine or adapter)");
        }
        Integer first = seen.putIfAbsent(type + ":" + label, startLine);
        if (first != null) {
          throw new ConfigException(source + ":" + startLine + ": " + type + " " + label
              + " is defined twice (first at line " + first + ")");
        }
        stanzaLine = startLine;
        keywords = new LinkedHashMap<>();
        keywordLines = new HashMap<>();
      } else if (eq > 0) {
        if (label == null) {
          throw new ConfigException(source + ":" + startLine + ": keyword outside a stanza");
        }
        String keyword = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        keywords.put(keyword, line.substring(eq + 1).strip());
        keywordLines.put(keyword, startLine);
      } else {
        throw new ConfigException(source + ":" + startLine + ": expected 'label: type = ...' or 'keyword = value'");
      }
    }
    if (label != null) {
      stanzas.add(new Stanza(label, type, keywords, stanzaLine, keywordLines));
    }
    return new AdminFile(stanzas, source);
  }

  public List<Stanza> stanzas() {
    return stanzas;
  }

  /** The name of the file in messages. */
  public String source() {
    return source;
  }

  /** The stanzas of {@code type} in file order, the {@code default} one included. */
  public List<Stanza> stanzas(String type) {
    return stanzas.stream().filter(s -> s.type().equals(type)).toList();
  }

  /**
   * The stanza {@code label} of {@code type} with the keywords of that type's {@code default}
   * stanza where it does not set them; empty when there is no such stanza and no default.
   */
  public Optional<Stanza> resolved(String type, String label) {
    Optional<Stanza> defaults = find(type, "default");
    Optional<Stanza> own = find(type, label);
    if (own.isEmpty() && defaults.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> merged = new LinkedHashMap<>(defaults.map(Stanza::keywords).orElse(Map.of()));
    Map<String, Integer> lines = new HashMap<>(defaults.map(Stanza::keywordLines).orElse(Map.of()));
    own.ifPresent(s -> {
      merged.putAll(s.keywords());
      lines.putAll(s.keywordLines());
    });
    int line = own.or(() -> defaults).map(Stanza::line).orElse(0);
    return Optional.of(new Stanza(label, type, merged, line, lines));
  }

  private Optional<Stanza> find(String type, String label) {
    return stanzas.stream().filter(s -> s.type().equals(type) && s.label().equals(label)).reduce((a, b) -> b);
  }
}
