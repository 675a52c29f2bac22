package org.openll.startd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.AdminFile;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

/**
 * Reads this machine's configuration from the cluster home: {@code LoadL_config}, then the file
 * its {@code LOCAL_CONFIG} names (its keywords override the global ones), then {@code LoadL_admin}.
 *
 * <p>{@code LOCAL_CONFIG} may use {@code $(host)} and {@code $(hostname)} (this machine's name,
 * as given by {@code --machine}), {@code $(tilde)} (the cluster home) and {@code $(KEYWORD)} for
 * any keyword of the global file; a relative path is relative to the cluster home. A local file
 * that does not exist is no error. Every file is parsed before anything is returned, so a bad
 * file throws and changes nothing.
 */
public final class MachineConfigLoader {
  static final String LOCAL_CONFIG = "LOCAL_CONFIG";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  private final ClusterHome home;
  private final String machine;
  private final Path proc;

  public MachineConfigLoader(ClusterHome home, String machine, Path proc) {
    this.home = home;
    this.machine = machine;
    this.proc = proc;
  }

  /**
   * @throws ConfigException naming the file and line (or keyword) of the first error
   * @throws IOException when a file exists but cannot be read
   */
  public MachineConfig load() throws IOException {
    Path globalFile = home.configFile();
    List<String> globalLines = lines(globalFile);
    LoadLConfig global = LoadLConfig.parse(globalLines, globalFile.toString());
    List<String> files = new ArrayList<>(List.of(globalFile.toString()));
    LoadLConfig config = global;
    if (global.get(LOCAL_CONFIG).filter(v -> !v.isBlank()).isPresent()) {
      Path localFile = localFile(global);
      List<String> localLines = lines(localFile);
      LoadLConfig.parse(localLines, localFile.toString());
      if (Files.exists(localFile)) {
        files.add(localFile.toString());
        List<String> all = new ArrayList<>(globalLines);
        all.add("");
        all.addAll(localLines);
        config = LoadLConfig.parse(all, globalFile + " + " + localFile);
      }
    }
    Path adminPath = home.root().resolve(LaunchModule.ADMIN_FILE);
    AdminFile adminFile = AdminFile.load(adminPath);
    AdminConfig admin = AdminConfig.from(adminFile);
    files.add(adminPath.toString());
    MachineOffer offer = MachineOffer.from(config, admin, machine, home.startdSpool(machine), MemInfo.read(proc));
    return new MachineConfig(config, adminFile, admin, offer, files);
  }

  /** {@code LOCAL_CONFIG} with its variables replaced, resolved against the cluster home. */
  Path localFile(LoadLConfig global) {
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

  private static List<String> lines(Path file) throws IOException {
    try {
      return Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }
}
