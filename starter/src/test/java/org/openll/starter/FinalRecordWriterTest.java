package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.StarterEvent;
import org.openll.api.v1.StepState;

class FinalRecordWriterTest {
  @TempDir Path spool;

  private static StarterEvent completed() {
    return StarterEvent.newBuilder().setStepId("h.1.0").setState(StepState.STEP_STATE_COMPLETED).build();
  }

  @Test
  void write_besideTheStartdsClaimRecord_leavesItAsItWas() throws Exception {
    byte[] claim = {1, 2, 3};
    Files.write(spool.resolve(LaunchRecord.CLAIM_FILE), claim);

    new FinalRecordWriter(spool).write(completed());

    assertEquals(completed(), FinalRecordWriter.read(spool.resolve(FinalRecordWriter.FILE_NAME)));
    assertArrayEquals(claim, Files.readAllBytes(spool.resolve(LaunchRecord.CLAIM_FILE)));
    assertFalse(Files.exists(spool.resolve(FinalRecordWriter.FILE_NAME + ".tmp")));
  }

  @Test
  void write_withoutClaimRecord_writesTheRecord() throws Exception {
    new FinalRecordWriter(spool.resolve("made")).write(completed());

    assertEquals(completed(), FinalRecordWriter.read(spool.resolve("made").resolve(FinalRecordWriter.FILE_NAME)));
  }
}
