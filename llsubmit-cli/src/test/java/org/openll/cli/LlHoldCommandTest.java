package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.HoldType;

class LlHoldCommandTest {
  @TempDir Path home;
  private FakeSchedd schedd;

  @BeforeEach
  void start() throws Exception {
    schedd = new FakeSchedd(home);
  }

  @AfterEach
  void stop() {
    schedd.close();
  }

  @Test
  void llhold_ids_placesUserHold() {
    assertEquals(0, schedd.run("llhold", "meso-d.3", "4.0"), schedd.err());

    assertEquals("llhold: Hold command has been sent to the central manager.\n", schedd.out());
    assertEquals(List.of("meso-d.3", "4.0"), schedd.holds.get(0).getIdsList());
    assertEquals(HoldType.HOLD_TYPE_USER, schedd.holds.get(0).getHoldType());
    assertEquals("jdoe", schedd.holds.get(0).getRequester());
  }

  @Test
  void llhold_dashS_placesSystemHold() {
    assertEquals(0, schedd.run("llhold", "-s", "3"), schedd.err());

    assertEquals(HoldType.HOLD_TYPE_SYSTEM, schedd.holds.get(0).getHoldType());
  }

  @Test
  void llhold_dashR_releasesUserHold() {
    assertEquals(0, schedd.run("llhold", "-r", "3.0"), schedd.err());

    assertTrue(schedd.holds.isEmpty());
    assertEquals(List.of("3.0"), schedd.releases.get(0).getIdsList());
    assertEquals(HoldType.HOLD_TYPE_USER, schedd.releases.get(0).getHoldType());
  }

  @Test
  void llhold_unknownId_printsTheScheddsMessage() {
    schedd.failWith = Status.NOT_FOUND.withDescription("no step in the queue matches 99");

    assertEquals(1, schedd.run("llhold", "99"));
    assertEquals("llhold: no step in the queue matches 99\n", schedd.err());
  }

  @Test
  void llhold_noIds_printsUsage() {
    assertEquals(1, schedd.run("llhold", "-r"));
    assertTrue(schedd.err().startsWith("llhold: no job or step id given\n"), schedd.err());
  }
}
