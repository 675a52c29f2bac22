package org.openll.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

/** Reads steps the way a script would: through {@code llq --json}. */
final class Steps {
  private static final Set<String> TERMINAL = Set.of(
      "STEP_STATE_COMPLETED", "STEP_STATE_REMOVED", "STEP_STATE_CANCELED", "STEP_STATE_NOT_RUN",
      "STEP_STATE_TERMINATED", "STEP_STATE_SUBMISSION_ERROR");

  private Steps() {}

  /** Every step of {@code ids} as llq --json prints them. */
  static List<JsonObject> query(TestCluster cluster, String... ids) {
    String[] args = new String[ids.length + 2];
    args[0] = "--json";
    args[1] = "-j";
    System.arraycopy(ids, 0, args, 2, ids.length);
    CommandResult result = cluster.run("llq", args);
    if (result.exitCode() != 0 && result.err().contains("cannot reach the schedd")) {
      return List.of(); // the schedd restarts: ask again later
    }
    JsonElement parsed = JsonParser.parseString(result.out());
    JsonArray array = parsed.getAsJsonArray();
    return StreamSupport.stream(array.spliterator(), false).map(JsonElement::getAsJsonObject).toList();
  }

  static String state(JsonObject step) {
    return step.get("state").getAsString();
  }

  static boolean isTerminal(JsonObject step) {
    return TERMINAL.contains(state(step));
  }

  /** Waits until every step of job {@code jobId} is in a terminal state and returns them. */
  static List<JsonObject> awaitFinished(TestCluster cluster, String jobId, int expectedSteps, Duration deadline) {
    Conditions.await("the " + expectedSteps + " steps of " + jobId + " to finish", deadline, () -> {
      List<JsonObject> steps = query(cluster, jobId);
      return steps.size() == expectedSteps && steps.stream().allMatch(Steps::isTerminal);
    });
    return query(cluster, jobId);
  }

  static int exitCode(JsonObject step) {
    JsonObject result = step.getAsJsonObject("result");
    return result == null || !result.has("exit_code") ? 0 : result.get("exit_code").getAsInt();
  }
}
