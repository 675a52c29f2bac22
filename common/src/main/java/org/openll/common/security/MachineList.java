package org.openll.common.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.common.admin.AdminFile;

/**
 * The machines allowed to join: the labels of LoadL_admin's {@code machine} stanzas (not
 * {@code default}). A file with no machine stanza (or no file) admits any machine holding a valid
 * certificate, so a personal cluster needs no list. Re-read when the file's modification time
 * changes, so {@code llctl reconfig} and edits take effect on the next call; an unreadable or broken
 * file keeps the last list that parsed. Thread-safe.
 */
public final class MachineList {
  private static final Logger LOG = LogManager.getLogger(MachineList.class);

  private final Path adminFile;
  private FileTime loadedAt;
  private Set<String> machines = Set.of();

  public MachineList(Path adminFile) {
    this.adminFile = adminFile;
  }

  /** Whether {@code machine} may join: listed, or no machine is listed. */
  public synchronized boolean admits(String machine) {
    Set<String> listed = current();
    return listed.isEmpty() || listed.contains(machine);
  }

  private Set<String> current() {
    FileTime modified;
    try {
      modified = Files.getLastModifiedTime(adminFile);
    } catch (NoSuchFileException e) {
      loadedAt = null;
      machines = Set.of();
      return machines;
    } catch (IOException e) {
      return machines;
    }
    if (!modified.equals(loadedAt)) {
      try {
        Set<String> names = new TreeSet<>();
        for (AdminFile.Stanza stanza : AdminFile.load(adminFile).stanzas("machine")) {
          if (!stanza.label().equals("default")) {
            names.add(stanza.label());
          }
        }
        machines = Set.copyOf(names);
        loadedAt = modified;
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot read the machine list of {}: {}; keeping the last one", adminFile, e.getMessage());
      }
    }
    return machines;
  }
}
