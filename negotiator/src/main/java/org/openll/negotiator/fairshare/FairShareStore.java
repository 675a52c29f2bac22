package org.openll.negotiator.fairshare;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openll.common.config.ConfigException;
import org.openll.negotiator.spool.AtomicFiles;

/**
 * The fair-share ledger on disk ({@code spool/negotiator/fairshare.tsv}), written atomically
 * ({@link AtomicFiles}). One tab-separated record a line: {@code last <epoch-ms>}, then
 * {@code user <name> <cpu-seconds>} and {@code group <name> <cpu-seconds>}.
 */
public final class FairShareStore {
  public static final String FILE_NAME = "fairshare.tsv";

  private final Path file;

  public FairShareStore(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** The saved state; empty when there is none. Throws ConfigException naming the line of a corrupt file. */
  public FairShareLedger.State load() throws IOException {
    List<String> lines = AtomicFiles.readLines(file);
    Map<String, Double> users = new HashMap<>();
    Map<String, Double> groups = new HashMap<>();
    Instant last = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      try {
        switch (f[0]) {
          case "last" -> last = Instant.ofEpochMilli(Long.parseLong(f[1]));
          case "user" -> users.put(f[1], Double.parseDouble(f[2]));
          case "group" -> groups.put(f[1], Double.parseDouble(f[2]));
          default -> throw new IllegalArgumentException("unknown record " + f[0]);
        }
      } catch (RuntimeException e) {
        throw new ConfigException(file + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    return new FairShareLedger.State(users, groups, last);
  }

  public void save(FairShareLedger.State state) throws IOException {
    List<String> lines = new ArrayList<>();
    if (state.lastAccrual() != null) {
      lines.add("last\t" + state.lastAccrual().toEpochMilli());
    }
    new TreeMap<>(state.users()).forEach((n, v) -> lines.add("user\t" + n + "\t" + v));
    new TreeMap<>(state.groups()).forEach((n, v) -> lines.add("group\t" + n + "\t" + v));
    AtomicFiles.writeLines(file, lines);
  }
}
