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

class LlCancelCommandTest {
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
  void llcancel_ids_sendsThemWithTheRequester() {
    int exit = schedd.run("llcancel", "meso-d.3", "4.0");

    assertEquals(0, exit, schedd.err());
    assertEquals("llcancel: Cancel command has been sent to the central manager.\n", schedd.out());
    assertEquals(List.of("meso-d.3", "4.0"), schedd.cancels.get(0).getIdsList());
    assertEquals("jdoe", schedd.cancels.get(0).getRequester());
  }

  @Test
  void llcancel_unknownId_printsTheScheddsMessage() {
    schedd.failWith = Status.NOT_FOUND.withDescription("no job or step meso-d.99 in the queue");

    assertEquals(1, schedd.run("llcancel", "meso-d.99"));
    assertEquals("llcancel: no job or step meso-d.99 in the queue\n", schedd.err());
  }

  @Test
  void llcancel_noIds_printsUsage() {
    assertEquals(1, schedd.run("llcancel"));
    assertTrue(schedd.err().startsWith("llcancel: no job or step id given\n"), schedd.err());
    assertTrue(schedd.cancels.isEmpty());
  }
}
