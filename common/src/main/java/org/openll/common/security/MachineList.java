package org.openll.common.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.common.admin.AdminFile;
import org.openll.common.config.LoadLConfig;

/**
 * Which machines may join, after LoadLeveler's {@code MACHINE_AUTHENTICATE} (LoadL_config):
 *
 * <ul>
 *   <li>{@code true}: only the machines LoadL_admin has a {@code machine} stanza for (not
 *       {@code default});
 *   <li>{@code false}: every machine holding a valid certificate of the cluster CA;
 *   <li>unset: {@code false} in a personal cluster (no {@code CENTRAL_MANAGER_LIST}, where machine
 *       stanzas only carry per-machine settings); in a multi-machine cluster, the listed machines
 *       when LoadL_admin has any machine stanza, else every machine with a valid certificate.
 * </ul>
 *
 * <p>Both files are re-read when their modification time changes, so edits and {@code llctl
 * reconfig} take effect on the next call; a file that does not parse keeps the last answer.
 * Thread-safe.
 */
public final class MachineList {
  private static final Logger LOG = LogManager.getLogger(MachineList.class);
  public static final String KEYWORD = "MACHINE_AUTHENTICATE";

  private final Path configFile;
  private final Path adminFile;
  private FileTime configLoadedAt;
  private FileTime adminLoadedAt;
  private Optional<Boolean> authenticate = Optional.empty();
  private boolean multiMachine;
  private Set<String> machines = Set.of();

  public MachineList(Path configFile, Path adminFile) {
    this.configFile = configFile;
    this.adminFile = adminFile;
  }

  /** Whether {@code machine} may join. */
  public synchronized boolean admits(String machine) {
    reloadConfig();
    Set<String> listed = listed();
    boolean strict = authenticate.orElse(false);
    if (authenticate.isEmpty() && multiMachine && !listed.isEmpty()) {
      strict = true;
    }
    return !strict || listed.contains(machine);
  }

  private void reloadConfig() {
    Optional<FileTime> modified = modified(configFile);
    if (modified.isEmpty()) {
      configLoadedAt = null;
      authenticate = Optional.empty();
      multiMachine = false;
      return;
    }
    if (!modified.get().equals(configLoadedAt)) {
      try {
        LoadLConfig config = LoadLConfig.load(configFile);
        authenticate = config.get(KEYWORD).map(v -> v.equalsIgnoreCase("true"));
        multiMachine = !config.getString("CENTRAL_MANAGER_LIST", "").isBlank();
        configLoadedAt = modified.get();
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot read {} of {}: {}; keeping the last value", KEYWORD, configFile, e.getMessage());
      }
    }
  }

  private Set<String> listed() {
    Optional<FileTime> modified = modified(adminFile);
    if (modified.isEmpty()) {
      adminLoadedAt = null;
      machines = Set.of();
      return machines;
    }
    if (!modified.get().equals(adminLoadedAt)) {
      try {
        Set<String> names = new TreeSet<>();
        for (AdminFile.Stanza stanza : AdminFile.load(adminFile).stanzas("machine")) {
          if (!stanza.label().equals("default")) {
            names.add(stanza.label());
          }
        }
        machines = Set.copyOf(names);
        adminLoadedAt = modified.get();
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot read the machine list of {}: {}; keeping the last one", adminFile, e.getMessage());
      }
    }
    return machines;
  }

  /**
   * The file's modification time, empty when it does not exist or cannot be read. Asked on every
   * call a daemon serves: a missing file must not cost an exception (readAttributesIfExists).
   */
  private static Optional<FileTime> modified(Path file) {
    try {
      BasicFileAttributes attributes = file.getFileSystem().provider()
          .readAttributesIfExists(file, BasicFileAttributes.class);
      return attributes == null ? Optional.empty() : Optional.of(attributes.lastModifiedTime());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
