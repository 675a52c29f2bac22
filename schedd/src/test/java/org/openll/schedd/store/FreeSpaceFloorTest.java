package org.openll.schedd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;

class FreeSpaceFloorTest {
  static final Path SPOOL = Path.of("/x/spool/schedd");
  static final long MB = 1024 * 1024;

  @Test
  void check_belowTheFloor_resourceExhaustedNamingTheSpoolAndTheKeyword() {
    FreeSpaceFloor floor = new FreeSpaceFloor(SPOOL, 16 * MB, d -> 3 * MB);

    OpenllException e = assertThrows(OpenllException.class, () -> floor.check("commit job 7"));

    assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
    assertTrue(e.getMessage().startsWith("schedd spool /x/spool/schedd: disk full (3.0 MB free,"
        + " SCHEDD_MIN_FREE_SPACE is 16.0 MB): cannot commit job 7"), e.getMessage());
  }

  @Test
  void check_atOrAboveTheFloor_passes() {
    new FreeSpaceFloor(SPOOL, 16 * MB, d -> 16 * MB).check("x");
    new FreeSpaceFloor(SPOOL, 16 * MB, d -> 1024 * MB).check("x");
  }

  @Test
  void check_floorZero_neverAsks() {
    new FreeSpaceFloor(SPOOL, 0, d -> {
      throw new AssertionError("asked");
    }).check("x");
  }

  @Test
  void check_spaceUnreadable_passesLeavingItToSqlite() {
    new FreeSpaceFloor(SPOOL, 16 * MB, d -> {
      throw new IOException("no such file system");
    }).check("x");
  }

  @Test
  void of_realFileSystem_passesAboveAndRefusesBelowItsFreeSpace(@org.junit.jupiter.api.io.TempDir Path dir) {
    FreeSpaceFloor.of(dir, 1).check("x");
    FreeSpaceFloor huge = FreeSpaceFloor.of(dir, Long.MAX_VALUE);

    long started = System.nanoTime();
    for (int i = 0; i < 1000; i++) {
      assertThrows(OpenllException.class, () -> huge.check("x"));
    }
    long perCheckMicros = (System.nanoTime() - started) / 1000 / 1000;
    assertTrue(perCheckMicros < 1000, "one check took " + perCheckMicros + " us");
  }

  @Test
  void parseSize_unitsAndBareBytes_bytes() {
    assertEquals(16 * MB, FreeSpaceFloor.parseSize("K", "16mb"));
    assertEquals(2L << 30, FreeSpaceFloor.parseSize("K", " 2 GB "));
    assertEquals(512, FreeSpaceFloor.parseSize("K", "512"));
    assertEquals(0, FreeSpaceFloor.parseSize("K", "0"));
  }

  @Test
  void parseSize_notASize_invalidArgumentNamingTheKeyword() {
    OpenllException e = assertThrows(OpenllException.class, () -> FreeSpaceFloor.parseSize("SCHEDD_MIN_FREE_SPACE", "lots"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().startsWith("SCHEDD_MIN_FREE_SPACE: \"lots\""), e.getMessage());
  }
}
