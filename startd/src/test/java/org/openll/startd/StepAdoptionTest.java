package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.JobType;
import org.openll.api.v1.MachineAllocation;
import org.openll.api.v1.Permit;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StepClaimRecord;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepUpdate;
import org.openll.common.admin.AdminFile;
import org.openll.common.admin.ClassLimits;

/**
 * Re-adoption with real starter processes and a fake schedd: a first startd ("before") starts a
 * step and dies without stopping it; a second one ("after") on the same spool adopts it.
 */
class StepAdoptionTest {
  @TempDir Path dir;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final MachineIdentity identity = new MachineIdentity("node1", 2, "s3cret");
  private final List<Startd> startds = new ArrayList<>();
  private FakeSchedd schedd;
  /** What the next {@link Startd} offers. */
  private MachineOffer offer = MachineOffer.none(Path.of(""));

  /** One startd process's worth of objects on the shared spool. */
  private final class Startd {
    final ClaimTable claims = new ClaimTable(identity, offer);
    final ScheddReporter reporter = new ScheddReporter("node1", FakeSchedd.channels(), timer,
        new ScheddReporter.Settings(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5), 100));
    final StepLauncher launcher = new StepLauncher(claims, reporter, StarterCommand.forThisJvm(), dir.resolve("spool"),
        "node1", Duration.ofMillis(500), Clock.systemUTC(), new StarterSettings(new ContainmentProbe.Choice("proc", ""),
            new ClassLimits(AdminFile.empty()), false, "", "", "", "", "", dir.resolve("notify"),
            Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMillis(300), true));
    final StarterLinkServer links = new StarterLinkServer(launcher.socket(), launcher);

    Startd() throws Exception {
      links.start();
      startds.add(this);
    }

    /** What kill -9 leaves: nothing of this startd answers any more, its starters run on. */
    void die() {
      links.abandon();
      reporter.close();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    schedd = new FakeSchedd();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Startd s : startds) {
      s.launcher.shutdown(Duration.ofSeconds(5));
      s.links.close();
      s.reporter.close();
    }
    schedd.close();
    timer.shutdownNow();
  }

  private StartStepRequest request(String stepId, String script) {
    return StartStepRequests.of(dir, schedd.name, stepId, "/bin/sh", List.of("-c", script));
  }

  private List<StepUpdate> updatesOf(String stepId) {
    return schedd.committed().stream().filter(u -> u.getStepId().equals(stepId)).toList();
  }

  private List<StepState> statesOf(String stepId) {
    return updatesOf(stepId).stream().map(StepUpdate::getState).toList();
  }

  private static boolean isFinal(StepState state) {
    return state == StepState.STEP_STATE_COMPLETED || state == StepState.STEP_STATE_REMOVED
        || state == StepState.STEP_STATE_TERMINATED;
  }

  @Test
  void adopt_stepRunningAcrossRestart_claimsItsCpusAndRelaysTheRealFinalRecord() throws Exception {
    Startd before = new Startd();
    before.launcher.start(request("h.1.0", "sleep 2; exit 7"));
    Conditions.await(() -> statesOf("h.1.0").contains(StepState.STEP_STATE_RUNNING), 30, "running");
    before.die();

    Startd after = new Startd();
    after.launcher.adopt();

    assertEquals(1, after.claims.freeCpus());
    assertEquals(List.of("h.1.0"), after.launcher.runningSteps());
    Conditions.await(() -> statesOf("h.1.0").stream().anyMatch(StepAdoptionTest::isFinal), 30, "final relayed");
    StepUpdate last = updatesOf("h.1.0").getLast();
    assertEquals(StepState.STEP_STATE_COMPLETED, last.getState());
    assertEquals(7, last.getResult().getExitCode());
    long ran = last.getResult().getEndTime().getSeconds() - last.getResult().getStartTime().getSeconds();
    assertTrue(ran >= 1 && ran <= 4, "the step's own times, ran " + ran + " s");
    assertEquals(1, statesOf("h.1.0").stream().filter(StepAdoptionTest::isFinal).count());
    Conditions.await(() -> after.claims.freeCpus() == 2 && !Files.exists(dir.resolve("spool/h.1.0")), 10,
        "CPUs freed and spool folder deleted");
  }

  @Test
  void adopt_stepFinishedWhileStartdWasDown_relaysItsFinalRecordFromTheSpool() throws Exception {
    schedd.failuresLeft.set(Integer.MAX_VALUE); // the schedd acknowledges nothing until the restart
    Startd before = new Startd();
    before.launcher.start(request("h.2.0", "exit 7"));
    Path spool = dir.resolve("spool/h.2.0");
    Conditions.await(() -> Files.exists(spool.resolve(StepSpool.FINAL)), 30, "the step ran");
    before.die(); // its final record was never acknowledged: the spool keeps it
    schedd.failuresLeft.set(0);
    long pid = Long.parseLong(Files.readString(spool.resolve(StepSpool.PID)).trim().split(" ")[0]);
    Conditions.await(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), 30, "starter gone");

    Startd after = new Startd();
    after.launcher.adopt();

    Conditions.await(() -> statesOf("h.2.0").stream().anyMatch(StepAdoptionTest::isFinal)
        && after.claims.freeCpus() == 2, 30, "final relayed after the restart");
    StepUpdate last = updatesOf("h.2.0").getLast();
    assertEquals(StepState.STEP_STATE_COMPLETED, last.getState());
    assertEquals(7, last.getResult().getExitCode());
    assertFalse(Files.exists(spool));
  }

  @Test
  void adopt_starterGoneWithoutFinalRecord_reportsTerminatedWithMessage() throws Exception {
    Path spool = dir.resolve("spool/h.3.0");
    Files.createDirectories(spool);
    new StepSpool("h.3.0", spool).writeClaim(StepClaimRecord.newBuilder().setScheddAddress(schedd.name).setCpus(2)
        .build());
    Files.writeString(spool.resolve(StepSpool.PID), "999999999 1\n");

    Startd after = new Startd();
    after.launcher.adopt();

    Conditions.await(() -> statesOf("h.3.0").contains(StepState.STEP_STATE_TERMINATED), 10, "terminated");
    assertTrue(updatesOf("h.3.0").getFirst().getMessage().contains("without a final record"));
    Conditions.await(() -> after.claims.freeCpus() == 2, 10, "CPUs freed");
  }

  @Test
  void adopt_folderWithoutClaimRecord_isDeletedAndClaimsNothing() throws Exception {
    Path spool = dir.resolve("spool/h.4.0");
    Files.createDirectories(spool);

    Startd after = new Startd();
    after.launcher.adopt();

    assertFalse(Files.exists(spool));
    assertEquals(2, after.claims.freeCpus());
    assertEquals(List.of(), schedd.committed());
  }

  @Test
  void adopt_parallelStepAcrossRestart_keepsItsConsumablesAndInitiatorsAndItsTaskHosts() throws Exception {
    offer = new MachineOffer(MachineOffer.none(Path.of("")).site(), Map.of("big", 2), Map.of("GPU", 2L));
    Startd before = new Startd();
    Permit permit = ClaimTableTest.permit("h.5.0", "node1", "s3cret").toBuilder()
        .addAllocation(MachineAllocation.newBuilder().setMachine("node1").setTasks(2).setCpus(2).putResources("GPU", 1))
        .addAllocation(MachineAllocation.newBuilder().setMachine("HOST-2").setTasks(1).setCpus(1))
        .build();
    StartStepRequest parallel = request("h.5.0",
        "echo \"$LOADL_PROCESSOR_LIST|$LOADL_TOTAL_TASKS\"; cat \"$LOADL_HOSTFILE\"; sleep 2").toBuilder()
        .setPermit(permit).build();
    parallel = parallel.toBuilder().setLaunch(parallel.getLaunch().toBuilder().setSpec(parallel.getLaunch().getSpec()
        .toBuilder().setJobClass("big").setJobType(JobType.JOB_TYPE_PARALLEL).setTotalTasks(3))).build();
    before.launcher.start(parallel);
    ClaimTable.Claim held = new ClaimTable.Claim(2, Map.of("GPU", 1L), "big", 2);
    assertEquals(Map.of("h.5.0", held), before.claims.claims());
    Conditions.await(() -> statesOf("h.5.0").contains(StepState.STEP_STATE_RUNNING), 30, "running");
    before.die();

    Startd after = new Startd();
    after.launcher.adopt();

    assertEquals(Map.of("h.5.0", held), after.claims.claims());
    assertEquals(Map.of("GPU", 1L), after.claims.freeResources());
    assertEquals(0, after.claims.freeClassSlots("big"));
    Conditions.await(() -> statesOf("h.5.0").stream().anyMatch(StepAdoptionTest::isFinal), 30, "final relayed");
    assertEquals("node1 node1 HOST-2|3\nnode1\nnode1\nHOST-2\n", Files.readString(dir.resolve("h.5.0.out")));
  }
}
