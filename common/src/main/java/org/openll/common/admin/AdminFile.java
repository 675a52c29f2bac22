package org.openll.common.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openll.common.config.ConfigException;

/**
 * A LoadL_admin file: stanzas {@code label: type = class} followed by {@code keyword = value}
 * lines, until the next stanza. A stanza labelled {@code default} gives the defaults of its type.
 * {@code #} starts a comment, {@code \} at the end of a line continues it; keywords and types are
 * case-insensitive, labels are not. Immutable; a missing file is an empty one.
 */
public final class AdminFile {
  /** One stanza: its label, its type and its keywords (lower case) in file order. */
  public record Stanza(String label, String type, Map<String, String> keywords) {
    public Stanza {
      keywords = Map.copyOf(keywords);
    }

    public Optional<String> get(String keyword) {
      return Optional.ofNullable(keywords.get(keyword.toLowerCase(Locale.ROOT)));
    }
  }

  private final List<Stanza> stanzas;

  private AdminFile(List<Stanza> stanzas) {
    this.stanzas = List.copyOf(stanzas);
  }

  public static AdminFile empty() {
    return new AdminFile(List.of());
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
   *     stanza header nor {@code keyword = value}, or a keyword before any stanza
   */
  public static AdminFile parse(List<String> lines, String source) {
    List<Stanza> stanzas = new ArrayList<>();
    String label = null;
    String type = null;
    Map<String, String> keywords = new LinkedHashMap<>();
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
          stanzas.add(new Stanza(label, type, keywords));
        }
        label = line.substring(0, colon).strip();
        String rest = line.substring(colon + 1).strip();
        String[] typeParts = rest.split("=", 2);
        if (typeParts.length != 2 || !typeParts[0].strip().equalsIgnoreCase("type")) {
          throw new ConfigException(source + ":" + startLine + ": stanza " + label + " needs 'type = ...'");
        }
        type = typeParts[1].strip().toLowerCase(Locale.ROOT);
        keywords = new LinkedHashMap<>();
      } else if (eq > 0) {
        if (label == null) {
          throw new ConfigException(source + ":" + startLine + ": keyword outside a stanza");
        }
        keywords.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), line.substring(eq + 1).strip());
      } else {
        throw new ConfigException(source + ":" + startLine + ": expected 'label: type = ...' or 'keyword = value'");
      }
    }
    if (label != null) {
      stanzas.add(new Stanza(label, type, keywords));
    }
    return new AdminFile(stanzas);
  }

  public List<Stanza> stanzas() {
    return stanzas;
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
    own.ifPresent(s -> merged.putAll(s.keywords()));
    return Optional.of(new Stanza(label, type, merged));
  }

  private Optional<Stanza> find(String type, String label) {
    return stanzas.stream().filter(s -> s.type().equals(type) && s.label().equals(label)).reduce((a, b) -> b);
  }
}
