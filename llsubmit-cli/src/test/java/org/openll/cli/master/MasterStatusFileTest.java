package org.openll.cli.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterStatusFileTest {
  @TempDir Path dir;

  @Test
  void read_whatWriteWrote_returnsTheSameStatesInOrder() throws Exception {
    Path file = dir.resolve("run/master.status");
    List<DaemonState> states = List.of(
        new DaemonState("negotiator", 100, Optional.of(Instant.parse("2026-11-25T19:00:00Z")), 0, 10, Optional.empty()),
        new DaemonState("startd-vm-1", 0, Optional.empty(), 10, 10, Optional.of(Instant.parse("2026-11-25T19:05:00.5Z"))));

    MasterStatusFile.write(file, states);

    assertEquals(states, MasterStatusFile.read(file));
    assertFalse(Files.exists(dir.resolve("run/master.status.tmp")));
  }

  @Test
  void read_noFile_returnsNothing() {
    assertTrue(MasterStatusFile.read(dir.resolve("master.status")).isEmpty());
  }

  @Test
  void read_garbledLines_skipsThem() throws Exception {
    Path file = dir.resolve("master.status");
    Files.writeString(file, MasterStatusFile.HEADER + "\nschedd x - 0 10 -\nshort 1\n\nschedd 7 - 2 10 -\n");

    assertEquals(List.of(new DaemonState("schedd", 7, Optional.empty(), 2, 10, Optional.empty())),
        MasterStatusFile.read(file));
  }
}
