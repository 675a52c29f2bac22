package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.ExplainStepsResponse;
import org.openll.api.v1.FairShareEntry;
import org.openll.api.v1.FavorStepsResponse;
import org.openll.api.v1.QueryClassesResponse;
import org.openll.api.v1.QueryFairShareResponse;
import org.openll.api.v1.QueryMachinesResponse;
import org.openll.api.v1.QueryStepsResponse;
import org.openll.api.v1.SetUserPriorityRequest;
import org.openll.api.v1.StepExplanation;

/** llstatus, llclass, llq -s, llprio, llfavorjob/llfavoruser and llfs against in-process daemons. */
class SchedulingCommandsTest {
  @TempDir Path home;
  private FakeCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = new FakeCluster(home);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void llstatus_twoMachines_listsThemWithScheddCountsOnTheFirst() throws Exception {
    cluster.negotiator.machines = QueryMachinesResponse.newBuilder()
        .addMachines(MachineFixtures.running("m1", 4, 1, 1)).addMachines(MachineFixtures.idle("m2", 4)).build();
    cluster.schedd.steps = QueryStepsResponse.newBuilder()
        .addSteps(StepFixtures.running(1, 0, "jdoe", "m1")).addSteps(StepFixtures.idle(2, 0, "jdoe")).build();
    Files.writeString(home.resolve("LoadL_config"), "SCHEDULER_TYPE = BACKFILL\n");

    assertEquals(0, cluster.run("llstatus"), cluster.err());

    String[] lines = cluster.out().split("\n");
    assertEquals("Name                      Schedd InQ  Act Startd Run LdAvg Idle Arch      OpSys", lines[0]);
    assertEquals("m1                        Avail     2   1 Run      1 0.25  9999 x86_64    Linux", lines[1]);
    assertEquals("m2                        Avail     0   0 Idle     0 0.25  9999 x86_64    Linux", lines[2]);
    assertTrue(cluster.out().contains("\nThe BACKFILL scheduler is in use\n"), cluster.out());
    assertTrue(cluster.out().endsWith("\nAll machines on the machine_list are present.\n"), cluster.out());
  }

  @Test
  void llstatus_scheddDown_showsDownAndStillLists() throws Exception {
    cluster.negotiator.machines = QueryMachinesResponse.newBuilder().addMachines(MachineFixtures.idle("m1", 4)).build();
    cluster.schedd.failWith = Status.UNAVAILABLE;

    assertEquals(0, cluster.run("llstatus"), cluster.err());

    assertTrue(cluster.out().contains("\nm1                        Down      0   0 Idle "), cluster.out());
    assertTrue(!cluster.out().contains("BACKFILL"), cluster.out());
  }

  @Test
  void llstatus_negotiatorDown_oneLineNamingItsAddress() throws Exception {
    cluster.publishDown("negotiator", "127.0.0.1:7999");

    assertEquals(1, cluster.run("llstatus"));

    assertTrue(cluster.err().startsWith("llstatus: cannot reach the negotiator at 127.0.0.1:7999"), cluster.err());
    assertEquals(1, cluster.err().split("\n").length, cluster.err());
  }

  @Test
  void llstatus_unknownHost_namesItAndExitsOne() {
    cluster.negotiator.machines = QueryMachinesResponse.newBuilder().addMachines(MachineFixtures.idle("m1", 4)).build();

    assertEquals(1, cluster.run("llstatus", "m1", "nohost"));

    assertEquals(List.of("m1", "nohost"), cluster.negotiator.machineQueries.get(0).getMachinesList());
    assertEquals("llstatus: machine not found: nohost\n", cluster.err());
  }

  @Test
  void llstatus_json_oneDocumentWithMachines() {
    cluster.negotiator.machines = QueryMachinesResponse.newBuilder().addMachines(MachineFixtures.idle("m1", 4)).build();

    assertEquals(0, cluster.run("llstatus", "--json"), cluster.err());

    JsonObject document = JsonParser.parseString(cluster.out()).getAsJsonObject();
    assertEquals("m1", document.getAsJsonArray("machines").get(0).getAsJsonObject()
        .getAsJsonObject("ad").get("machine").getAsString());
    assertEquals("Avail", document.getAsJsonObject("schedd").get("state").getAsString());
  }

  @Test
  void llstatusR_machine_printsConsumables() {
    cluster.negotiator.machines = QueryMachinesResponse.newBuilder().addMachines(MachineFixtures.idle("m1", 4)).build();

    assertEquals(0, cluster.run("llstatus", "-R"), cluster.err());

    assertTrue(cluster.out().endsWith("\nm1                           ConsumableCpus(4,4) ConsumableMemory(4096 mb,4096 mb)\n"),
        cluster.out());
  }

  @Test
  void llclass_classes_listsThemAndNamesUnknownOne() {
    cluster.negotiator.classes = QueryClassesResponse.newBuilder()
        .addClasses(MachineFixtures.clazz("small", 2, 3, "quick")).build();

    assertEquals(1, cluster.run("llclass", "small", "huge"));

    assertTrue(cluster.out().endsWith("\nsmall                undefined      undefined     2     3 quick\n"), cluster.out());
    assertEquals("llclass: class not found: huge\n", cluster.err());
  }

  @Test
  void llclass_olderNegotiator_saysItDoesNotImplementTheRequest() {
    cluster.negotiator.failWith = Status.UNIMPLEMENTED.withDescription("Method not found");

    assertEquals(1, cluster.run("llclass"));

    assertEquals("llclass: the negotiator at 127.0.0.1:7001 does not implement this request; is it an older openll?"
        + " (Method not found)\n", cluster.err());
  }

  @Test
  void llclass_json_isOneArray() {
    cluster.negotiator.classes = QueryClassesResponse.newBuilder()
        .addClasses(MachineFixtures.clazz("small", 2, 3, "quick")).build();

    assertEquals(0, cluster.run("llclass", "--json"), cluster.err());

    assertEquals("small", JsonParser.parseString(cluster.out()).getAsJsonArray().get(0).getAsJsonObject()
        .get("name").getAsString());
  }

  @Test
  void llqS_idleStep_listsItThenTheNegotiatorsEvaluation() {
    cluster.schedd.steps = QueryStepsResponse.newBuilder().addSteps(StepFixtures.idle(7, 0, "jdoe")).build();
    cluster.negotiator.explanations = ExplainStepsResponse.newBuilder()
        .setSchedulerType("LL_DEFAULT").setConsideredAt(StepFixtures.at("2007-07-24T11:59:00Z"))
        .addSteps(StepExplanation.newBuilder().setStepId("meso-d.example.com.7.0").setKnown(true)
            .setClassSlotsFree(0).setSlotsRequired(1).setSummary("no free initiator on 2 machines"))
        .build();

    assertEquals(0, cluster.run("llq", "-s", "meso-d.example.com.7.0"), cluster.err());

    assertEquals(List.of("meso-d.example.com.7.0"), cluster.negotiator.explains.get(0).getStepIdsList());
    assertTrue(cluster.out().contains("\n==================== EVALUATIONS FOR JOB STEP meso-d.example.com.7.0"
        + " ====================\n"), cluster.out());
    assertTrue(cluster.out().contains("\nThe number of available initiators of this class is not sufficient for this"
        + " job step.\nNot enough resources to start now.\nConsidered at: Tue Jul 24 11:59:00 UTC 2007\n"
        + "Deciding reason: no free initiator on 2 machines\n"), cluster.out());
  }

  @Test
  void llqS_runningStep_explainsWithoutTheNegotiator() throws Exception {
    cluster.schedd.steps = QueryStepsResponse.newBuilder().addSteps(StepFixtures.running(7, 0, "jdoe", "m1")).build();
    cluster.publishDown("negotiator", "127.0.0.1:7999");

    assertEquals(0, cluster.run("llq", "-s", "7.0"), cluster.err());

    assertTrue(cluster.out().endsWith("This step is Running on m1.\n"), cluster.out());
  }

  @Test
  void llqSL_heldStep_longListingThenTheBlock() {
    cluster.schedd.steps = QueryStepsResponse.newBuilder().addSteps(StepFixtures.idle(7, 0, "jdoe").toBuilder()
        .setState(org.openll.api.v1.StepState.STEP_STATE_HOLD)
        .setHoldType(org.openll.api.v1.HoldType.HOLD_TYPE_SYSTEM)).build();

    assertEquals(0, cluster.run("llq", "-s", "-l", "7.0"), cluster.err());

    assertTrue(cluster.out().startsWith("=============== Job Step meso-d.example.com.7.0 ==============="), cluster.out());
    assertTrue(cluster.out().endsWith("\nThis step is in System Hold: it is not considered until an administrator"
        + " releases it (llhold -r -s).\n"), cluster.out());
    assertTrue(cluster.negotiator.explains.isEmpty());
  }

  @Test
  void llqS_unknownId_namesIt() {
    assertEquals(1, cluster.run("llq", "-s", "99.0"));

    assertEquals("llq: job or step ID not found: 99.0\n", cluster.err());
  }

  @Test
  void llqS_json_givesStepAndExplanation() {
    cluster.schedd.steps = QueryStepsResponse.newBuilder().addSteps(StepFixtures.idle(7, 0, "jdoe")).build();
    cluster.negotiator.explanations = ExplainStepsResponse.newBuilder().setSchedulerType("BACKFILL")
        .addSteps(StepExplanation.newBuilder().setStepId("meso-d.example.com.7.0").setKnown(true).setTopDog(true))
        .build();

    assertEquals(0, cluster.run("llq", "-s", "--json", "7.0"), cluster.err());

    JsonObject entry = JsonParser.parseString(cluster.out()).getAsJsonObject().getAsJsonArray("steps").get(0)
        .getAsJsonObject();
    assertEquals("meso-d.example.com.7.0", entry.getAsJsonObject("step").get("step_id").getAsString());
    assertTrue(entry.getAsJsonObject("explanation").get("top_dog").getAsBoolean());
  }

  @Test
  void llprio_adjustment_sendsItWithTheRequester() {
    assertEquals(0, cluster.run("llprio", "+5", "7.0", "8"), cluster.err());

    SetUserPriorityRequest request = cluster.schedd.priorities.get(0);
    assertEquals(5, request.getAdjustment());
    assertEquals(List.of("7.0", "8"), request.getIdsList());
    assertEquals("jdoe", request.getRequester());
    assertEquals("llprio: Priority command has been sent to the central manager.\n", cluster.out());
  }

  @Test
  void llprio_absoluteAndNegative_sendTheRightChange() {
    assertEquals(0, cluster.run("llprio", "-p", "70", "7.0"), cluster.err());
    assertEquals(0, cluster.run("llprio", "-3", "7.0"), cluster.err());

    assertEquals(70, cluster.schedd.priorities.get(0).getAbsolute());
    assertEquals(-3, cluster.schedd.priorities.get(1).getAdjustment());
  }

  @Test
  void llprio_someoneElsesStep_printsTheScheddsRefusal() {
    cluster.schedd.failWith = Status.PERMISSION_DENIED.withDescription("step 7.0 belongs to alice");

    assertEquals(1, cluster.run("llprio", "-p", "10", "7.0"));

    assertEquals("llprio: step 7.0 belongs to alice\n", cluster.err());
  }

  @Test
  void llprio_outOfRange_isAUsageError() {
    assertEquals(1, cluster.run("llprio", "-p", "101", "7.0"));

    assertTrue(cluster.err().startsWith("llprio: priority must be 0..100: 101\n"), cluster.err());
    assertTrue(cluster.schedd.priorities.isEmpty());
  }

  @Test
  void llfavorjob_ids_favorsThem() {
    cluster.negotiator.favorResponse = FavorStepsResponse.newBuilder().addFavoredStepIds("host.7").build();

    assertEquals(0, cluster.run("llfavorjob", "host.7"), cluster.err());

    assertEquals(List.of("host.7"), cluster.negotiator.favors.get(0).getStepIdsList());
    assertEquals("llfavorjob: Favor command has been sent to the central manager.\n"
        + "llfavorjob: favored now: host.7\n", cluster.out());
  }

  @Test
  void llfavoruserU_users_unfavorsThem() {
    assertEquals(0, cluster.run("llfavoruser", "-u", "alice"), cluster.err());

    assertEquals(List.of("alice"), cluster.negotiator.favors.get(0).getUsersList());
    assertTrue(cluster.negotiator.favors.get(0).getUnfavor());
    assertEquals("llfavoruser: Unfavor command has been sent to the central manager.\n"
        + "llfavoruser: favored now: none\n", cluster.out());
  }

  @Test
  void llfavorjob_notAdmin_printsTheRefusal() {
    cluster.negotiator.failWith = Status.PERMISSION_DENIED.withDescription("only administrators may favor steps");

    assertEquals(1, cluster.run("llfavorjob", "host.7"));

    assertEquals("llfavorjob: only administrators may favor steps\n", cluster.err());
  }

  @Test
  void llfs_json_isTheNegotiatorsAnswer() {
    cluster.negotiator.fairShare = QueryFairShareResponse.newBuilder().setTotalShares(100).setIntervalHours(168)
        .addEntries(FairShareEntry.newBuilder().setName("alice").setAllocatedShares(10)).build();

    assertEquals(0, cluster.run("llfs", "--json"), cluster.err());

    JsonObject document = JsonParser.parseString(cluster.out()).getAsJsonObject();
    assertEquals(100, document.get("total_shares").getAsInt());
    assertEquals("alice", document.getAsJsonArray("entries").get(0).getAsJsonObject().get("name").getAsString());
  }

  @Test
  void llfs_table_startsWithTotals() {
    cluster.negotiator.fairShare = QueryFairShareResponse.newBuilder().setTotalShares(100).setIntervalHours(168).build();

    assertEquals(0, cluster.run("llfs"), cluster.err());

    assertTrue(cluster.out().startsWith("Total shares: 100    Interval: 168 hours\n"), cluster.out());
  }

  @Test
  void llctlReconfig_everyDaemon_oneLineEach() throws Exception {
    cluster.startd("m1");
    cluster.controls.get("negotiator").changed = List.of("SYSPRIO", "class small");
    cluster.controls.get("schedd").failWith =
        Status.INVALID_ARGUMENT.withDescription("LoadL_admin:12: unknown keyword maxjob");

    assertEquals(1, cluster.run("llctl", "reconfig"));

    assertEquals("negotiator               reconfigured: SYSPRIO; class small\n"
        + "schedd                   not reconfigured: LoadL_admin:12: unknown keyword maxjob\n"
        + "startd-m1                reconfigured: nothing changed\n", cluster.out());
    assertEquals("jdoe", cluster.controls.get("startd m1").requests.get(0).getRequester());
  }

  @Test
  void llctlReconfig_allAccept_exitsZero() throws Exception {
    cluster.startd("m1");

    assertEquals(0, cluster.run("llctl", "reconfig"), cluster.err());
  }

  @Test
  void llctlReconfig_startdDown_namesItsAddress() throws Exception {
    cluster.publishDown("startd-m2", "127.0.0.1:7999");

    assertEquals(1, cluster.run("llctl", "reconfig"));

    assertTrue(cluster.out().contains("startd-m2                not reconfigured: cannot reach the startd-m2 at"
        + " 127.0.0.1:7999"), cluster.out());
  }
}
