package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.cli.master.ClusterLayout;
import org.openll.common.cluster.HostNames;

/**
 * Classes and consumable resources on a personal cluster of 2 machines: class access is decided at
 * submit, class slots and a GPU that only one machine has decide where and how many steps run, and
 * {@code llq -s} says why a step waits.
 */
class ClassesAndConsumablesTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String OWNER = System.getProperty("user.name");
  private static final List<String> MACHINES = ClusterLayout.machineNames(HostNames.shortName(), 2);

  @TempDir static Path root;
  static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    String config = "CLASS = short(1) No_Class(2)\n";
    String admin = """
        default: type = class
          wall_clock_limit = 1:00:00

        short: type = class
          include_users = %s
          class_comment = quick ones
          priority = 10

        secret: type = class
          exclude_users = %s

        %s: type = machine
          resources = GPU(1)
        """.formatted(OWNER, OWNER, MACHINES.get(0));
    cluster = TestCluster.start(root, 2, 2, config, admin);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private String submit(String name, String keywords, String script) {
    Path file = cluster.writeJobFile(name + ".cmd", "#!/bin/sh\n" + keywords + "# @ output = " + name
        + ".$(jobid).out\n# @ queue\n" + script + "\n");
    return cluster.submit(file);
  }

  @Test
  void submit_classTheUserIsExcludedFrom_isRefusedWithTheReason() {
    Path file = cluster.writeJobFile("secret.cmd", "# @ executable = /bin/true\n# @ class = secret\n# @ queue\n");

    CommandResult result = cluster.run("llsubmit", file.toString());

    assertNotEquals(0, result.exitCode());
    assertTrue(result.err().contains("exclude_users of class secret"), result.err());
  }

  @Test
  void classSlots_oneShortSlotPerMachine_neverMoreThanTwoShortStepsRunAtOnce() throws Exception {
    Path gate = cluster.workDir().resolve("short.gate");
    List<String> jobs = List.of(
        submit("short1", "# @ class = short\n", waitFor(gate)),
        submit("short2", "# @ class = short\n", waitFor(gate)),
        submit("short3", "# @ class = short\n", waitFor(gate)));

    Conditions.await("two short steps running", DEADLINE, () -> count(jobs, "STEP_STATE_RUNNING") == 2);
    String waiting = jobs.stream().filter(j -> state(j).equals("STEP_STATE_IDLE")).findFirst().orElseThrow();
    CommandResult why = cluster.run("llq", "-s", waiting + ".0").requireSuccess();
    assertTrue(why.out().contains("The class of this job step is \"short\"."), why.out());
    assertTrue(why.out().contains("Total number of available initiators of this class on all machines in the cluster: 0"),
        why.out());
    assertTrue(why.out().contains("2 machines have no free short class slot"), why.out());
    CommandResult classes = cluster.run("llclass").requireSuccess();
    assertTrue(classes.out().lines().anyMatch(l -> l.startsWith("short") && l.contains("quick ones")), classes.out());

    Files.writeString(gate, "go");
    for (String job : jobs) {
      assertEquals("STEP_STATE_COMPLETED", Steps.state(Steps.awaitFinished(cluster, job, 1, DEADLINE).get(0)));
    }
  }

  @Test
  void gpu_onlyTheMachineWithTheGpuRunsGpuSteps_oneAtATime() throws Exception {
    Path gate = cluster.workDir().resolve("gpu.gate");
    String first = submit("gpu1", "# @ resources = GPU(1)\n", waitFor(gate));
    String second = submit("gpu2", "# @ resources = GPU(1)\n", waitFor(gate));

    Conditions.await("one GPU step running", DEADLINE, () -> count(List.of(first, second), "STEP_STATE_RUNNING") == 1);
    String running = state(first).equals("STEP_STATE_RUNNING") ? first : second;
    String waiting = running.equals(first) ? second : first;
    assertEquals(MACHINES.get(0), Steps.query(cluster, running).get(0).get("machine").getAsString());
    CommandResult why = cluster.run("llq", "-s", waiting + ".0").requireSuccess();
    assertTrue(why.out().contains("GPU"), why.out());
    CommandResult resources = cluster.run("llstatus", "-R").requireSuccess();
    assertTrue(resources.out().contains("GPU"), resources.out());

    Files.writeString(gate, "go");
    for (String job : List.of(first, second)) {
      JsonObject done = Steps.awaitFinished(cluster, job, 1, DEADLINE).get(0);
      assertEquals("STEP_STATE_COMPLETED", Steps.state(done));
      assertEquals(MACHINES.get(0), done.get("machine").getAsString());
    }
  }

  @Test
  void reconfig_newClass_appearsWithoutRestart_andABrokenFileIsRefusedWithItsLine() throws Exception {
    Path adminFile = cluster.home().resolve("LoadL_admin");
    String good = Files.readString(adminFile);
    try {
      Files.writeString(adminFile, good + "\nlong: type = class\n  class_comment = added later\n");
      cluster.run("llctl", "reconfig").requireSuccess();
      Conditions.await("llclass to list class long", DEADLINE,
          () -> cluster.run("llclass").out().lines().anyMatch(l -> l.startsWith("long")));

      Files.writeString(adminFile, good + "\nbroken: type = class\n  maxjobs = many\n");
      CommandResult refused = cluster.run("llctl", "reconfig");
      assertNotEquals(0, refused.exitCode());
      assertTrue(refused.out().contains("LoadL_admin:") || refused.err().contains("LoadL_admin:"),
          refused.out() + refused.err());
      assertTrue(cluster.run("llclass").out().lines().anyMatch(l -> l.startsWith("long")), "last good config kept");
      String job = submit("afterreconfig", "", "true");
      assertEquals("STEP_STATE_COMPLETED", Steps.state(Steps.awaitFinished(cluster, job, 1, DEADLINE).get(0)));
    } finally {
      Files.writeString(adminFile, good);
      cluster.run("llctl", "reconfig");
    }
  }

  private static String waitFor(Path gate) {
    return "while [ ! -f " + gate + " ]; do sleep 0.1; done";
  }

  private static String state(String jobId) {
    List<JsonObject> steps = Steps.query(cluster, jobId);
    return steps.isEmpty() ? "" : Steps.state(steps.get(0));
  }

  private static long count(List<String> jobs, String state) {
    return jobs.stream().filter(j -> state(j).equals(state)).count();
  }
}
