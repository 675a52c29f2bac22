package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.DaemonControlGrpc;
import org.openll.api.v1.DrainRequest;
import org.openll.api.v1.ModifyStepsRequest;
import org.openll.api.v1.ScheddGrpc;
import org.openll.cli.master.ClusterLayout;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.cluster.HostNames;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;

/**
 * The administrative commands on a personal cluster of 2 machines of 1 CPU each: llctl drain,
 * resume, flush and purge with LoadLeveler's meanings, llctl status with each daemon's version and
 * uptime, llmodify, and the refusal of someone who is not in LOADL_ADMIN. Each test leaves every
 * daemon resumed.
 */
class AdminCommandsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String OWNER = System.getProperty("user.name");
  private static final List<String> MACHINES = ClusterLayout.machineNames(HostNames.shortName(), 2);

  @TempDir static Path root;
  static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    String admin = """
        short: type = class
          include_users = %s
          class_comment = quick ones
        """.formatted(OWNER);
    cluster = TestCluster.start(root, 2, 1, "CLASS = short(1) No_Class(1)\n", admin);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void drain_oneStartd_newStepsRunOnlyOnTheOther_llstatusShowsDrain_untilResumed() {
    String drained = MACHINES.get(0);
    try {
      CommandResult drain = cluster.run("llctl", "-h", drained, "drain", "startd").requireSuccess();
      assertTrue(drain.out().startsWith("startd-" + drained), drain.out());
      Conditions.await("llstatus to show " + drained + " Drain", DEADLINE, () -> startdState(drained).equals("Drain"));
      CommandResult status = cluster.run("llctl", "status").requireSuccess();
      assertTrue(status.out().lines().anyMatch(l -> l.startsWith("startd-" + drained) && l.contains(" drained ")),
          status.out());

      List<String> jobs = List.of(submit("d1", "", "true"), submit("d2", "", "true"), submit("d3", "", "true"));
      for (String job : jobs) {
        JsonObject done = Steps.awaitFinished(cluster, job, 1, DEADLINE).get(0);
        assertEquals("STEP_STATE_COMPLETED", Steps.state(done));
        assertEquals(MACHINES.get(1), done.get("machine").getAsString());
      }
    } finally {
      cluster.run("llctl", "-h", drained, "resume", "startd").requireSuccess();
    }
    Conditions.await("llstatus to show " + drained + " no longer drained", DEADLINE,
        () -> !startdState(drained).equals("Drain"));
  }

  @Test
  void drain_oneClassOfAStartd_stepsOfThatClassRunOnlyOnTheOther() {
    String drained = MACHINES.get(1);
    try {
      CommandResult drain = cluster.run("llctl", "-h", drained, "drain", "startd", "short").requireSuccess();
      assertTrue(drain.out().contains("drained classes: short"), drain.out());
      // the startd refuses the class at once; the negotiator stops matching it with the startd's next ad
      Conditions.await("llstatus -l to show " + drained + " without class short", DEADLINE,
          () -> {
            String classes = configuredClasses(drained);
            return classes.contains("No_Class") && !classes.contains("short");
          });
      List<String> jobs = List.of(submit("c1", "# @ class = short\n", "true"),
          submit("c2", "# @ class = short\n", "true"), submit("c3", "# @ class = short\n", "true"));
      for (String job : jobs) {
        JsonObject done = Steps.awaitFinished(cluster, job, 1, DEADLINE).get(0);
        assertEquals("STEP_STATE_COMPLETED", Steps.state(done));
        assertEquals(MACHINES.get(0), done.get("machine").getAsString());
        assertTrue(!entered(done, "STEP_STATE_REJECTED"), done.toString());
      }
    } finally {
      cluster.run("llctl", "-h", drained, "resume", "startd", "short").requireSuccess();
    }
  }

  @Test
  void flush_startdRunningAStep_itRequeuesAndCompletesOnTheOtherMachine() throws Exception {
    Path gate = cluster.workDir().resolve("flush.gate");
    String job = submit("flushed", "", waitFor(gate));
    String first = awaitRunningOn(job);
    String other = first.equals(MACHINES.get(0)) ? MACHINES.get(1) : MACHINES.get(0);
    try {
      CommandResult flush = cluster.run("llctl", "-h", first, "flush").requireSuccess();
      assertTrue(flush.out().contains("flushed: vacated " + job + ".0"), flush.out());

      Conditions.await(job + " to run on " + other, DEADLINE, () -> other.equals(runningOn(job)));
      Files.writeString(gate, "go");
      JsonObject done = Steps.awaitFinished(cluster, job, 1, DEADLINE).get(0);
      assertEquals("STEP_STATE_COMPLETED", Steps.state(done));
      assertEquals(other, done.get("machine").getAsString());
      assertTrue(entered(done, "STEP_STATE_VACATED"), done.toString());
    } finally {
      cluster.run("llctl", "-h", first, "resume").requireSuccess();
    }
  }

  @Test
  void purge_machineOfARunningStep_theStepRequeuesAtOnce() throws Exception {
    Path gate = cluster.workDir().resolve("purge.gate");
    String job = submit("purged", "", waitFor(gate));
    String machine = awaitRunningOn(job);
    String other = machine.equals(MACHINES.get(0)) ? MACHINES.get(1) : MACHINES.get(0);
    try {
      // a dead machine takes no step: drained here, since this one still lives
      cluster.run("llctl", "-h", machine, "drain").requireSuccess();
      CommandResult purge = cluster.run("llctl", "purge", machine).requireSuccess();
      assertTrue(purge.out().contains("vacated " + job + ".0"), purge.out());
      JsonObject requeued = Steps.query(cluster, job).get(0);
      assertTrue(entered(requeued, "STEP_STATE_VACATED"), requeued.toString());

      Conditions.await(job + " to run on " + other, DEADLINE, () -> other.equals(runningOn(job)));
      Files.writeString(gate, "go");
      assertEquals("STEP_STATE_COMPLETED", Steps.state(Steps.awaitFinished(cluster, job, 1, DEADLINE).get(0)));
    } finally {
      cluster.run("llctl", "-h", machine, "resume").requireSuccess();
    }
  }

  @Test
  void drainSchedd_submitRefused_untilResumed() {
    try {
      cluster.run("llctl", "drain", "schedd").requireSuccess();
      Path file = cluster.writeJobFile("refused.cmd", "# @ executable = /bin/true\n# @ queue\n");
      CommandResult refused = cluster.run("llsubmit", file.toString());
      assertNotEquals(0, refused.exitCode());
      assertTrue(refused.err().contains("drained"), refused.err());
    } finally {
      cluster.run("llctl", "resume", "schedd").requireSuccess();
    }
    String job = submit("afterresume", "", "true");
    assertEquals("STEP_STATE_COMPLETED", Steps.state(Steps.awaitFinished(cluster, job, 1, DEADLINE).get(0)));
  }

  @Test
  void llmodify_classOfAHeldStep_llqLongShowsIt_andARunningStepIsRefused() throws Exception {
    String held = submit("held", "# @ hold = user\n", "true");
    cluster.run("llmodify", "-k", "class=short", "-k", "wall_clock_limit=10:00", held + ".0").requireSuccess();
    CommandResult listing = cluster.run("llq", "-l", held + ".0").requireSuccess();
    assertTrue(listing.out().lines().anyMatch(l -> l.strip().matches("Class: +short")), listing.out());
    cluster.run("llcancel", held + ".0").requireSuccess();

    Path gate = cluster.workDir().resolve("modify.gate");
    String running = submit("running", "", waitFor(gate));
    awaitRunningOn(running);
    CommandResult refused = cluster.run("llmodify", "-k", "class=short", running + ".0");
    Files.writeString(gate, "go");
    assertNotEquals(0, refused.exitCode());
    assertTrue(refused.err().contains("is Running"), refused.err());
    Steps.awaitFinished(cluster, running, 1, DEADLINE);
  }

  @Test
  void llctlStatus_everyDaemonWithPidUptimeAndVersion_jsonToo() {
    CommandResult status = cluster.run("llctl", "status").requireSuccess();
    List<String> daemons = status.out().lines().skip(1).toList();
    assertEquals(4, daemons.size(), status.out());
    assertTrue(daemons.stream().allMatch(l -> l.matches("\\S+ +127\\.0\\.0\\.1:\\d+ +up .*pid \\d+ +uptime \\S+ +version \\S+.*")),
        status.out());

    CommandResult json = cluster.run("llctl", "status", "--json").requireSuccess();
    JsonObject document = JsonParser.parseString(json.out()).getAsJsonObject();
    assertTrue(document.getAsJsonObject("master").get("running").getAsBoolean());
    for (JsonElement daemon : document.getAsJsonArray("daemons")) {
      assertEquals("up", daemon.getAsJsonObject().get("state").getAsString(), json.out());
      assertTrue(daemon.getAsJsonObject().get("uptime_seconds").getAsLong() >= 0, json.out());
    }
  }

  @Test
  void adminRequests_fromSomeoneNotInLoadlAdmin_permissionDeniedNamingThem() throws Exception {
    ClusterHome home = new ClusterHome(cluster.home());
    // mallory's own client certificate: the daemons know her as mallory, whatever her requests say
    ManagedChannel schedd = Channels.open(HostPort.parse(home.readAddress("schedd").orElseThrow()),
        org.openll.common.security.ClusterTls.forClient(home, "mallory"));
    try {
      StatusRuntimeException drain = assertThrows(StatusRuntimeException.class, () ->
          DaemonControlGrpc.newBlockingStub(schedd).withDeadlineAfter(10, TimeUnit.SECONDS)
              .drain(DrainRequest.getDefaultInstance()));
      assertEquals(Status.Code.PERMISSION_DENIED, drain.getStatus().getCode());
      assertTrue(drain.getStatus().getDescription().contains("mallory"), drain.getStatus().getDescription());

      String job = submit("notyours", "# @ hold = user\n", "true");
      StatusRuntimeException modify = assertThrows(StatusRuntimeException.class, () ->
          ScheddGrpc.newBlockingStub(schedd).withDeadlineAfter(10, TimeUnit.SECONDS)
              .modifySteps(ModifyStepsRequest.newBuilder().addIds(job + ".0")
                  .setAccountNo("stolen").build()));
      assertEquals(Status.Code.PERMISSION_DENIED, modify.getStatus().getCode());
      cluster.run("llcancel", job + ".0").requireSuccess();
    } finally {
      Channels.close(schedd);
    }
    assertTrue(cluster.run("llctl", "status").out().lines().noneMatch(l -> l.contains("drained")));
  }

  private String submit(String name, String keywords, String script) {
    Path file = cluster.writeJobFile(name + ".cmd", "#!/bin/sh\n" + keywords + "# @ output = " + name
        + ".$(jobid).out\n# @ queue\n" + script + "\n");
    return cluster.submit(file);
  }

  private static String waitFor(Path gate) {
    return "while [ ! -f " + gate + " ]; do sleep 0.1; done";
  }

  /** The machine step 0 of {@code job} runs on, once it runs. */
  private static String awaitRunningOn(String job) {
    Conditions.await(job + " to run", DEADLINE, () -> !runningOn(job).isEmpty());
    return runningOn(job);
  }

  /** The machine of step 0 of {@code job} while it is Running; empty otherwise. */
  private static String runningOn(String job) {
    List<JsonObject> steps = Steps.query(cluster, job);
    if (steps.isEmpty() || !Steps.state(steps.get(0)).equals("STEP_STATE_RUNNING")) {
      return "";
    }
    JsonElement machine = steps.get(0).get("machine");
    return machine == null ? "" : machine.getAsString();
  }

  private static boolean entered(JsonObject step, String state) {
    for (JsonElement change : step.getAsJsonArray("history")) {
      if (change.getAsJsonObject().get("state").getAsString().equals(state)) {
        return true;
      }
    }
    return false;
  }

  /** The ConfiguredClasses line of {@code machine}'s {@code llstatus -l}: the classes the negotiator matches there. */
  private static String configuredClasses(String machine) {
    return cluster.run("llstatus", "-l", machine).out().lines().filter(l -> l.startsWith("ConfiguredClasses"))
        .findFirst().orElse("");
  }

  /** The Startd column of {@code machine}'s llstatus row. */
  private static String startdState(String machine) {
    CommandResult status = cluster.run("llstatus");
    return status.out().lines().filter(l -> l.startsWith(machine + " "))
        .map(l -> l.split("\\s+")).filter(f -> f.length > 4).map(f -> f[4]).findFirst().orElse("");
  }
}
