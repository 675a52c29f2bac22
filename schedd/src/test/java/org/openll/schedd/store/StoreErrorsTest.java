package org.openll.schedd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class StoreErrorsTest {
  static SQLException sqlite(int code) {
    return new SQLException("[SQLITE] " + code, null, code);
  }

  @Test
  void diskTrouble_primaryAndExtendedCodes_namedByMeaningAndCode() {
    assertEquals("disk full (SQLITE_FULL)", StoreErrors.diskTrouble(sqlite(13)).orElseThrow().toString());
    assertEquals("not writable (SQLITE_READONLY)", StoreErrors.diskTrouble(sqlite(8)).orElseThrow().toString());
    assertEquals("not writable (SQLITE_READONLY)", StoreErrors.diskTrouble(sqlite(8 | (5 << 8))).orElseThrow().toString());
    assertEquals("disk I/O error (SQLITE_IOERR)", StoreErrors.diskTrouble(sqlite(10 | (4 << 8))).orElseThrow().toString());
    assertEquals("not writable (SQLITE_PERM)", StoreErrors.diskTrouble(sqlite(3)).orElseThrow().toString());
  }

  @Test
  void diskTrouble_inACauseOrASuppressed_found() {
    RuntimeException wrapped = new RuntimeException(new IllegalStateException(sqlite(13)));
    SQLException constraint = sqlite(19);
    constraint.addSuppressed(sqlite(10));

    assertEquals("SQLITE_FULL", StoreErrors.diskTrouble(wrapped).orElseThrow().code());
    assertEquals("SQLITE_IOERR", StoreErrors.diskTrouble(constraint).orElseThrow().code());
  }

  @Test
  void diskTrouble_otherErrors_none() {
    assertTrue(StoreErrors.diskTrouble(sqlite(19)).isEmpty()); // SQLITE_CONSTRAINT
    assertTrue(StoreErrors.diskTrouble(sqlite(5)).isEmpty()); // SQLITE_BUSY
    assertTrue(StoreErrors.diskTrouble(new RuntimeException("x")).isEmpty());
  }
}
