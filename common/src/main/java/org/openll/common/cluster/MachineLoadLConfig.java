package org.openll.common.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

/**
 * {@code LoadL_config} as one machine sees it: the cluster home's file, overlaid by the file its
 * {@code LOCAL_CONFIG} names (whose keywords override the global ones).
 *
 * <p>{@code LOCAL_CONFIG} may use {@code $(host)} and {@code $(hostname)} (the machine's name),
 * {@code $(tilde)} (the cluster home) and {@code $(KEYWORD)} for any keyword of the global file; a
 * relative path is relative to the cluster home. A local file that does not exist is no error.
 * Both files are parsed before anything is returned, so a bad file throws naming its line.
 *
 * @param files the files read, the global one first
 */
public record MachineLoadLConfig(LoadLConfig config, List<Path> files) {
  public static final String LOCAL_CONFIG = "LOCAL_CONFIG";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  /**
   * @throws ConfigException naming the file and line (or keyword) of the first error
   * @throws IOException when a file exists but cannot be read
   */
  public static MachineLoadLConfig load(ClusterHome home, String machine) throws IOException {
    Path globalFile = home.configFile();
    List<String> globalLines = readLines(globalFile);
    LoadLConfig global = LoadLConfig.parse(globalLines, globalFile.toString());
    if (global.get(LOCAL_CONFIG).filter(v -> !v.isBlank()).isEmpty()) {
      return new MachineLoadLConfig(global, List.of(globalFile));
    }
    Path localFile = localFile(home, machine, global);
    List<String> localLines = readLines(localFile);
    LoadLConfig.parse(localLines, localFile.toString()); // errors name the local file's own line
    if (!Files.exists(localFile)) {
      return new MachineLoadLConfig(global, List.of(globalFile));
    }
    List<String> all = new ArrayList<>(globalLines);
    all.add("");
    all.addAll(localLines);
    return new MachineLoadLConfig(LoadLConfig.parse(all, globalFile + " + " + localFile), List.of(globalFile, localFile));
  }

  /** {@code LOCAL_CONFIG} of {@code global} with its variables replaced, resolved against the cluster home. */
  static Path localFile(ClusterHome home, String machine, LoadLConfig global) {
    String value = global.getString(LOCAL_CONFIG, "").strip();
    Matcher m = VARIABLE.matcher(value);
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement = switch (name.toLowerCase(Locale.ROOT)) {
        case "host", "hostname" -> machine;
        case "tilde" -> home.root().toString();
        default -> global.get(name).filter(v -> !name.equalsIgnoreCase(LOCAL_CONFIG)).orElseThrow(() ->
            new ConfigException(global + ": " + LOCAL_CONFIG + " = " + value + ": unknown variable $(" + name + ")"));
      };
      m.appendReplacement(path, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(path);
    return home.root().resolve(path.toString());
  }

  private static List<String> readLines(Path file) throws IOException {
    try {
      return Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }
}
