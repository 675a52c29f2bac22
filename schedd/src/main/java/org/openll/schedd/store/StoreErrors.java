package org.openll.schedd.store;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** Tells the SQLite errors that mean the disk or the file cannot take writes from the others. */
final class StoreErrors {
  // primary result codes, https://www.sqlite.org/rescode.html
  private static final Map<Integer, String> DISK = Map.of(
      3, "SQLITE_PERM: access permission denied",
      8, "SQLITE_READONLY: the database is read-only",
      10, "SQLITE_IOERR: disk I/O error",
      13, "SQLITE_FULL: the disk or the database is full",
      14, "SQLITE_CANTOPEN: the database file cannot be opened");

  private StoreErrors() {}

  /** The disk trouble {@code e} (or one of its causes) reports, if it is one. */
  static Optional<String> diskTrouble(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String name = DISK.get(sql.getErrorCode() & 0xff);
        if (name != null) {
          return Optional.of(name);
        }
      }
    }
    return Optional.empty();
  }
}
