package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.QueryStepsResponse;
import org.openll.common.cluster.ClusterHome;

class LlqCommandTest {
  /** llq's standard listing of jdoe's Idle step 3.0 and ann's step 4.0 Running on node1. */
  private static final String IDLE_3_RUNNING_4 =
      "Id                       Owner      Submitted   ST PRI Class        Running On\n"
          + "------------------------ ---------- ----------- -- --- ------------ -----------\n"
          + "meso-d.3.0               jdoe        7/24 10:19 I  50  No_Class\n"
          + "meso-d.4.0               ann         7/24 10:19 R  50  No_Class     node1\n"
          + "\n"
          + "2 job step(s) in queue, 1 waiting, 0 pending, 1 running, 0 held, 0 preempted\n";

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
  void llq_emptyQueue_saysNoJobStatusAndExitsZero() {
    int exit = schedd.run("llq");

    assertEquals(0, exit);
    assertEquals("llq: There is currently no job status to report.\n", schedd.out());
    assertFalse(schedd.queries.get(0).getIncludeFinished());
  }

  @Test
  void llq_steps_printsStandardListing() {
    schedd.queryResponse = QueryStepsResponse.newBuilder()
        .addSteps(StepFixtures.idle(3, 0, "jdoe"))
        .addSteps(StepFixtures.running(4, 0, "ann", "node1"))
        .build();

    int exit = schedd.run("llq");

    assertEquals(0, exit);
    assertEquals(IDLE_3_RUNNING_4, schedd.out());
    assertEquals("", schedd.err());
  }

  @Test
  void llq_queueOfTwoPages_listsEveryPageUnderOneHeaderAndOneSummary() {
    schedd.queryPages = java.util.Map.of(
        "", QueryStepsResponse.newBuilder().addSteps(StepFixtures.idle(3, 0, "jdoe")).setNextPageToken("3.0").build(),
        "3.0", QueryStepsResponse.newBuilder().addSteps(StepFixtures.running(4, 0, "ann", "node1")).build());

    int exit = schedd.run("llq");

    assertEquals(0, exit, schedd.err());
    assertEquals(IDLE_3_RUNNING_4, schedd.out());
    assertEquals(List.of("", "3.0"), schedd.queries.stream().map(q -> q.getPageToken()).toList());
  }

  @Test
  void llq_idsAnsweredInTwoPages_findsTheIdOfTheSecondPage() {
    schedd.queryPages = java.util.Map.of(
        "", QueryStepsResponse.newBuilder().addSteps(StepFixtures.idle(3, 0, "jdoe")).setNextPageToken("3.0").build(),
        "3.0", QueryStepsResponse.newBuilder().addSteps(StepFixtures.idle(4, 0, "jdoe")).build());

    int exit = schedd.run("llq", "-l", "3", "4");

    assertEquals(0, exit, schedd.err());
    assertTrue(schedd.out().contains("Job Step Id: meso-d.example.com.4.0"), schedd.out());
    assertEquals("", schedd.err());
    assertEquals(List.of("3", "4"), schedd.queries.get(1).getIdsList());
  }

  @Test
  void llq_idsAndUsers_asksForFinishedStepsAndSaysInQuery() {
    schedd.queryResponse = QueryStepsResponse.newBuilder().addSteps(StepFixtures.completed(3, 0, "jdoe", "n")).build();

    int exit = schedd.run("llq", "-u", "jdoe,ann", "-j", "3", "meso-d.3.0");

    assertEquals(0, exit, schedd.err());
    assertEquals(List.of("jdoe", "ann"), schedd.queries.get(0).getOwnersList());
    // -j takes every value up to the next flag, as LoadLeveler's joblist
    assertEquals(List.of("3", "meso-d.3.0"), schedd.queries.get(0).getIdsList());
    assertTrue(schedd.queries.get(0).getIncludeFinished());
    assertTrue(schedd.out().contains("1 job step(s) in query"), schedd.out());
  }

  @Test
  void llq_unknownId_reportsItAndExitsOneButListsTheOthers() {
    schedd.queryResponse = QueryStepsResponse.newBuilder().addSteps(StepFixtures.idle(3, 0, "jdoe")).build();

    int exit = schedd.run("llq", "-j", "3.0", "99");

    assertEquals(1, exit);
    assertEquals("llq: job or step ID not found: 99\n", schedd.err());
    assertTrue(schedd.out().contains("meso-d.3.0"), schedd.out());
  }

  @Test
  void llq_json_printsOneArray() {
    schedd.queryResponse = QueryStepsResponse.newBuilder().addSteps(StepFixtures.idle(3, 0, "jdoe")).build();

    int exit = schedd.run("llq", "--json");

    assertEquals(0, exit);
    assertTrue(schedd.out().startsWith("[\n  {\n    \"step_id\": \"meso-d.example.com.3.0\""), schedd.out());
    assertTrue(schedd.out().endsWith("}\n]\n"), schedd.out());
  }

  @Test
  void llq_jsonAndEmpty_printsEmptyArray() {
    assertEquals(0, schedd.run("llq", "--json"));
    assertEquals("[]\n", schedd.out());
  }

  @Test
  void llq_long_printsBlocks() {
    schedd.queryResponse = QueryStepsResponse.newBuilder().addSteps(StepFixtures.idle(3, 0, "jdoe")).build();

    assertEquals(0, schedd.run("llq", "-l"));
    assertTrue(schedd.out().startsWith("=============== Job Step meso-d.example.com.3.0 ===============\n"), schedd.out());
  }

  @Test
  void llq_unknownFlag_printsUsageAndExitsOne() {
    int exit = schedd.run("llq", "--bogus");

    assertEquals(1, exit);
    assertTrue(schedd.err().startsWith("llq: "), schedd.err());
    assertTrue(schedd.err().contains("Usage: llq"), schedd.err());
    assertTrue(schedd.queries.isEmpty());
  }

  @Test
  void llq_noAddressFile_saysTheClusterIsNotRunning() throws Exception {
    Files.delete(new ClusterHome(home).addressFile("schedd"));

    int exit = schedd.run("llq");

    assertEquals(1, exit);
    assertEquals("llq: cannot reach the schedd: no address in " + home.resolve("run/schedd.addr")
        + "; is the cluster started (llctl status)?\n", schedd.err());
  }

  @Test
  void llq_scheddUnavailable_namesTheAddress() {
    schedd.failWith = Status.UNAVAILABLE.withDescription("Connection refused");

    int exit = schedd.run("llq");

    assertEquals(1, exit);
    assertEquals("llq: cannot reach the schedd at 127.0.0.1:7001 (" + home.resolve("run/schedd.addr")
        + "): connection refused; is the cluster started (llctl status)?\n", schedd.err());
  }

  @Test
  void llq_otherError_printsItsDescription() {
    schedd.failWith = Status.INVALID_ARGUMENT.withDescription("bad id: x.y");

    assertEquals(1, schedd.run("llq", "-j", "x.y"));
    assertEquals("llq: bad id: x.y\n", schedd.err());
  }
}
