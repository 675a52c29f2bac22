package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claim reuse on a cluster of real daemons: on a machine of one CPU, each step of a job after the
 * first runs on the claim of the step before it, without a new permit, and the machine is free
 * again at the end.
 */
class ClaimReuseTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String JOB = """
      # @ executable = /bin/true
      # @ output = /dev/null
      # @ error = /dev/null
      # @ queue
      # @ queue
      # @ queue
      """;

  @TempDir Path root;

  @Test
  void threeSteps_oneCpu_eachAfterTheFirstTakesTheClaimOfTheOneBefore_thenTheCpuIsFree() {
    try (TestCluster cluster = TestCluster.start(root, 1, 1, "CLAIM_WORKLIFE = 60\n", "")) {
      List<JsonObject> steps = runThreeSteps(cluster);
      String jobId = steps.get(0).get("job_id").getAsString();

      for (JsonObject step : steps) {
        assertEquals("STEP_STATE_COMPLETED", Steps.state(step), step.toString());
      }
      String machine = steps.get(0).get("machine").getAsString();
      assertEquals(List.of("permit to run on " + machine), pendingReasons(steps.get(0)));
      assertEquals(List.of("claim of " + jobId + ".0 on " + machine + " reused"), pendingReasons(steps.get(1)));
      assertEquals(List.of("claim of " + jobId + ".1 on " + machine + " reused"), pendingReasons(steps.get(2)));
      Conditions.await("the negotiator sees the CPU free again", DEADLINE, () -> freeCpus(cluster) == 1);
    }
  }

  @Test
  void worklifeZero_everyStepGetsAPermit() {
    try (TestCluster cluster = TestCluster.start(root, 1, 1, "CLAIM_WORKLIFE = 0\n", "")) {
      for (JsonObject step : runThreeSteps(cluster)) {
        assertTrue(pendingReasons(step).get(0).startsWith("permit to run on "), step.toString());
      }
    }
  }

  /** Submits {@link #JOB} and waits until its steps are finished. */
  private static List<JsonObject> runThreeSteps(TestCluster cluster) {
    return Steps.awaitFinished(cluster, cluster.submit(cluster.writeJobFile("three.cmd", JOB)), 3, DEADLINE);
  }

  /** The messages of the step's entries into Pending. */
  private static List<String> pendingReasons(JsonObject step) {
    List<String> reasons = new ArrayList<>();
    for (JsonElement change : step.getAsJsonArray("history")) {
      JsonObject c = change.getAsJsonObject();
      if (c.get("state").getAsString().equals("STEP_STATE_PENDING")) {
        reasons.add(c.get("message").getAsString());
      }
    }
    return reasons;
  }

  private static int freeCpus(TestCluster cluster) {
    JsonObject status = JsonParser.parseString(cluster.run("llstatus", "--json").requireSuccess().out())
        .getAsJsonObject();
    return status.getAsJsonArray("machines").get(0).getAsJsonObject().get("free_cpus").getAsInt();
  }
}
