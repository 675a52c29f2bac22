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
import org.openll.api.v1.StepEvent;
import org.openll.api.v1.StepStatus;
import org.openll.cli.format.ChangeLine;

class LlqWatchTest {
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

  static StepEvent snapshot(StepStatus step) {
    return StepEvent.newBuilder().setStep(step).setSnapshot(true).build();
  }

  static StepEvent marker() {
    return StepEvent.newBuilder().setSnapshotComplete(true).build();
  }

  static StepEvent change(StepStatus step, long sequence) {
    return StepEvent.newBuilder().setStep(step).setSequence(sequence).setResumeToken("9." + sequence).build();
  }

  @Test
  void llqW_idsGiven_listsSnapshotThenOneLinePerChangeAndExitsWhenAllFinished() {
    schedd.watchStreams.add(List.of(snapshot(StepFixtures.idle(3, 0, "jdoe")), marker(),
        change(StepFixtures.running(3, 0, "jdoe", "node1"), 5),
        change(StepFixtures.completed(3, 0, "jdoe", "node1"), 6)));

    int exit = schedd.run("llq", "-W", "-j", "3");

    assertEquals(0, exit, schedd.err());
    assertEquals(List.of("3"), schedd.watches.get(0).getIdsList());
    assertTrue(schedd.watches.get(0).getIncludeFinished());
    String[] lines = schedd.out().split("\n");
    assertTrue(lines[2].startsWith("meso-d.3.0 "), schedd.out());
    assertEquals("10:19:37 meso-d.example.com.3.0 Running node1", lines[lines.length - 2]);
    assertEquals("10:21:00 meso-d.example.com.3.0 Completed node1 exited with 3", lines[lines.length - 1]);
  }

  @Test
  void llqW_droppedAsTooSlow_resumesAfterTheLastChangePrinted() {
    schedd.watchStreams.add(List.of(snapshot(StepFixtures.idle(3, 0, "jdoe")), marker(),
        change(StepFixtures.running(3, 0, "jdoe", "node1"), 5)));
    schedd.watchEnds.add(Status.RESOURCE_EXHAUSTED.withDescription("too slow"));
    schedd.watchStreams.add(List.of(change(StepFixtures.completed(3, 0, "jdoe", "node1"), 6)));

    int exit = schedd.run("llq", "-W", "3");

    assertEquals(0, exit, schedd.err());
    assertEquals("9.5", schedd.watches.get(1).getResumeToken());
    assertTrue(schedd.out().endsWith("Completed node1 exited with 3\n"), schedd.out());
  }

  @Test
  void llqW_unknownId_reportsItAndExitsOne() {
    schedd.watchStreams.add(List.of(marker()));

    int exit = schedd.run("llq", "-W", "-j", "42");

    assertEquals(1, exit);
    assertEquals("llq: job or step ID not found: 42\n", schedd.err());
  }

  @Test
  void llqW_tokenTooOld_oneLineError() {
    schedd.watchEnds.add(Status.FAILED_PRECONDITION.withDescription("resume token too old; query again"));

    int exit = schedd.run("llq", "-W");

    assertEquals(1, exit);
    assertTrue(schedd.err().contains("resume token too old; query again"), schedd.err());
  }

  @Test
  void changeLine_noHistory_dashesForTime() {
    assertEquals("--:--:-- h.1.0 Idle", new ChangeLine(java.time.ZoneOffset.UTC).format(
        StepStatus.newBuilder().setStepId("h.1.0").setState(org.openll.api.v1.StepState.STEP_STATE_IDLE).build()));
  }

  @Test
  void llqW_withJson_oneStepEventPerLineAsJsonLines() {
    schedd.watchStreams.add(List.of(snapshot(StepFixtures.idle(3, 0, "jdoe")), marker(),
        change(StepFixtures.completed(3, 0, "jdoe", "node1"), 6)));

    int exit = schedd.run("llq", "-W", "--json", "3");

    assertEquals(0, exit, schedd.err());
    String[] lines = schedd.out().split("\n");
    assertEquals(3, lines.length, schedd.out());
    List<com.google.gson.JsonObject> events = java.util.Arrays.stream(lines)
        .map(line -> com.google.gson.JsonParser.parseString(line).getAsJsonObject()).toList();
    assertTrue(events.get(0).get("snapshot").getAsBoolean());
    assertEquals("meso-d.example.com.3.0", events.get(0).getAsJsonObject("step").get("step_id").getAsString());
    assertTrue(events.get(1).get("snapshot_complete").getAsBoolean());
    assertEquals("9.6", events.get(2).get("resume_token").getAsString());
    assertEquals("STEP_STATE_COMPLETED", events.get(2).getAsJsonObject("step").get("state").getAsString());
  }
}
