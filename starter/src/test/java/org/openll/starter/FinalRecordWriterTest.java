package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openll.api.v1.StarterEvent;
import org.openll.api.v1.StepState;

class FinalRecordWriterTest {
  @TempDir Path spool;

  private static StarterEvent completed() {
    return StarterEvent.newBuilder().setStepId("h.1.0").setState(StepState.STEP_STATE_COMPLETED).build();
  }

  @ParameterizedTest(name = "durable={0}")
  @ValueSource(booleans = {true, false})
  void write_besideTheStartdsClaimRecord_leavesItAsItWas(boolean durable) throws Exception {
    byte[] claim = {1, 2, 3};
    Files.write(spool.resolve(LaunchRecord.CLAIM_FILE), claim);

    new FinalRecordWriter(spool, durable).write(completed());

    assertEquals(completed(), FinalRecordWriter.read(spool.resolve(FinalRecordWriter.FILE_NAME)));
    assertArrayEquals(claim, Files.readAllBytes(spool.resolve(LaunchRecord.CLAIM_FILE)));
    assertFalse(Files.exists(spool.resolve(FinalRecordWriter.FILE_NAME + ".tmp")));
  }

  @ParameterizedTest(name = "durable={0}")
  @ValueSource(booleans = {true, false})
  void write_withoutClaimRecord_writesTheRecord(boolean durable) throws Exception {
    new FinalRecordWriter(spool.resolve("made"), durable).write(completed());

    assertEquals(completed(), FinalRecordWriter.read(spool.resolve("made").resolve(FinalRecordWriter.FILE_NAME)));
  }
}
