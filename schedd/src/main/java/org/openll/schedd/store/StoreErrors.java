package org.openll.schedd.store;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** Tells the SQLite errors that mean the disk or the file cannot take writes from the others. */
final class StoreErrors {
  /** A disk trouble: what it means for the spool ("disk full") and SQLite's code name ("SQLITE_FULL"). */
  record DiskTrouble(String meaning, String code) {
    @Override
    public String toString() {
      return meaning + " (" + code + ")";
    }
  }

  // primary result codes, https://www.sqlite.org/rescode.html
  private static final Map<Integer, DiskTrouble> DISK = Map.of(
      3, new DiskTrouble("not writable", "SQLITE_PERM"),
      8, new DiskTrouble("not writable", "SQLITE_READONLY"),
      10, new DiskTrouble("disk I/O error", "SQLITE_IOERR"),
      13, new DiskTrouble("disk full", "SQLITE_FULL"),
      14, new DiskTrouble("not writable", "SQLITE_CANTOPEN"));

  private StoreErrors() {}

  /**
   * The disk trouble {@code e} (or one of its causes or suppressed exceptions) reports, if it is
   * one. Extended result codes (SQLITE_IOERR_FSYNC, ...) count as their primary code.
   */
  static Optional<DiskTrouble> diskTrouble(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Optional<DiskTrouble> found = code(t);
      if (found.isPresent()) {
        return found;
      }
      for (Throwable s : t.getSuppressed()) {
        found = code(s);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<DiskTrouble> code(Throwable t) {
    return t instanceof SQLException sql ? Optional.ofNullable(DISK.get(sql.getErrorCode() & 0xff)) : Optional.empty();
  }
}
