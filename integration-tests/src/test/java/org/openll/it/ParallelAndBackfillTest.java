package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.cli.master.ClusterLayout;
import org.openll.common.cluster.HostNames;

/**
 * A parallel step across the 3 machines of a personal cluster, and the BACKFILL scheduler: a small
 * step runs ahead of a blocked large one only when it ends before the large one's reservation, and
 * the large one is never starved.
 */
class ParallelAndBackfillTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final List<String> MACHINES = ClusterLayout.machineNames(HostNames.shortName(), 3);

  @TempDir static Path root;
  static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(root, 3, 1, "SCHEDULER_TYPE = BACKFILL\n", "");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private String submit(String name, String keywords, String script) {
    Path file = cluster.writeJobFile(name + ".cmd", "#!/bin/sh\n" + keywords + "# @ output = " + name
        + ".out\n# @ queue\n" + script + "\n");
    return cluster.submit(file);
  }

  @Test
  void parallelStep_nodeThree_getsEveryMachineAndOneHostfileLinePerTask() throws Exception {
    String job = submit("mpi", """
        # @ job_type = parallel
        # @ node = 3
        # @ tasks_per_node = 1
        # @ wall_clock_limit = 00:05:00
        """, "echo \"list=$LOADL_PROCESSOR_LIST\"; echo \"tasks=$LOADL_TOTAL_TASKS\"; cat \"$LOADL_HOSTFILE\"");

    JsonObject step = Steps.awaitFinished(cluster, job, 1, DEADLINE).get(0);

    assertEquals("STEP_STATE_COMPLETED", Steps.state(step));
    List<String> lines = Files.readAllLines(cluster.workDir().resolve("mpi.out"));
    assertEquals("tasks=3", lines.get(1));
    assertEquals(Set.copyOf(MACHINES), Set.of(lines.get(0).substring("list=".length()).split(" ")));
    assertEquals(Set.copyOf(MACHINES), Set.copyOf(lines.subList(2, 5)));
  }

  @Test
  void backfill_smallStepRunsAheadOnlyIfItEndsInTime_largeStepIsNotStarved() throws Exception {
    Path gate = cluster.workDir().resolve("backfill.gate");
    String wait = "while [ ! -f " + gate + " ]; do sleep 0.1; done";
    // Two of the three machines are busy for at most 10 minutes.
    String busy = submit("busy", """
        # @ job_type = parallel
        # @ node = 2
        # @ wall_clock_limit = 00:10:00
        """, wait);
    Conditions.await("the busy step running", DEADLINE, () -> state(busy).equals("STEP_STATE_RUNNING"));
    // The large step needs all three: it becomes the top dog, to start when busy's limit ends.
    String large = submit("large", """
        # @ job_type = parallel
        # @ node = 3
        # @ wall_clock_limit = 00:01:00
        """, "true");
    // A step that would outlast that reservation must not take the free machine...
    String tooLong = submit("toolong", "# @ wall_clock_limit = 01:00:00\n", "true");
    // ...but one that ends before it may.
    String small = submit("small", "# @ wall_clock_limit = 00:01:00\n", "true");

    assertEquals("STEP_STATE_COMPLETED", Steps.state(Steps.awaitFinished(cluster, small, 1, DEADLINE).get(0)));
    assertEquals("STEP_STATE_IDLE", state(tooLong));
    CommandResult why = cluster.run("llq", "-s", large + ".0").requireSuccess();
    assertTrue(why.out().contains("This step is top-dog."), why.out());
    assertTrue(why.out().contains("Will start by:"), why.out());

    Files.writeString(gate, "go");
    JsonObject largeDone = Steps.awaitFinished(cluster, large, 1, DEADLINE).get(0);
    JsonObject tooLongDone = Steps.awaitFinished(cluster, tooLong, 1, DEADLINE).get(0);
    assertEquals("STEP_STATE_COMPLETED", Steps.state(largeDone));
    assertTrue(!dispatched(tooLongDone).isBefore(dispatched(largeDone)),
        "the large step started before the long one: " + largeDone + " " + tooLongDone);
  }

  private static Instant dispatched(JsonObject step) {
    return Instant.parse(step.get("dispatch_time").getAsString());
  }

  private static String state(String jobId) {
    List<JsonObject> steps = Steps.query(cluster, jobId);
    return steps.isEmpty() ? "" : Steps.state(steps.get(0));
  }
}
