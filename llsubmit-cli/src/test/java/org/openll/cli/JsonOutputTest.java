package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.grpc.Status;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openll.api.v1.ClassStatus;
import org.openll.api.v1.FairShareEntry;
import org.openll.api.v1.QueryClassesResponse;
import org.openll.api.v1.QueryFairShareResponse;
import org.openll.api.v1.QueryMachinesResponse;
import org.openll.api.v1.QueryStepsResponse;

/**
 * Every query command's {@code --json}: exactly one valid JSON document on stdout, with results,
 * with none and on errors (docs/json.md).
 */
class JsonOutputTest {
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

  /** Every query command with --json, as a user would type it. */
  static List<List<String>> queries() {
    return List.of(List.of("llq", "--json"), List.of("llq", "--json", "-l"), List.of("llq", "-s", "--json", "7.0"),
        List.of("llstatus", "--json"), List.of("llclass", "--json"), List.of("llfs", "--json"),
        List.of("llsummary", "--json"), List.of("llsummary", "--json", "-d", "day,jobid", "-u", "jdoe"));
  }

  /** Parses {@code text} as exactly one JSON document (strictly: nothing before or after it). */
  static JsonElement single(String text) throws IOException {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    JsonElement element = JsonParser.parseReader(reader);
    assertEquals(JsonToken.END_DOCUMENT, reader.peek(), "more than one document in: " + text);
    return element;
  }

  private int run(List<String> command) {
    return cluster.run(command.get(0), command.subList(1, command.size()).toArray(String[]::new));
  }

  private void fill() {
    cluster.schedd.steps = QueryStepsResponse.newBuilder()
        .addSteps(StepFixtures.idle(7, 0, "jdoe")).addSteps(StepFixtures.completed(6, 0, "jdoe", "m1")).build();
    cluster.negotiator.machines = QueryMachinesResponse.newBuilder().addMachines(MachineFixtures.idle("m1", 4)).build();
    cluster.negotiator.classes = QueryClassesResponse.newBuilder()
        .addClasses(ClassStatus.newBuilder().setName("short")).build();
    cluster.negotiator.fairShare = QueryFairShareResponse.newBuilder().setTotalShares(100)
        .addEntries(FairShareEntry.newBuilder().setName("jdoe")).build();
  }

  @ParameterizedTest
  @MethodSource("queries")
  void query_withResults_oneDocument(List<String> command) throws IOException {
    fill();

    assertEquals(0, run(command), cluster.err());

    JsonElement document = single(cluster.out());
    assertTrue(document.isJsonArray() || !document.getAsJsonObject().has("error"), cluster.out());
  }

  @ParameterizedTest
  @MethodSource("queries")
  void query_nothingToReport_oneDocument(List<String> command) throws IOException {
    int exit = run(command);

    JsonElement document = single(cluster.out());
    if (command.contains("7.0")) {
      assertEquals(1, exit, "llq -s of an unknown id fails, yet prints its document");
      assertEquals(0, document.getAsJsonObject().getAsJsonArray("steps").size());
    } else {
      assertEquals(0, exit, cluster.err());
    }
    if (document.isJsonArray()) {
      assertEquals(0, document.getAsJsonArray().size());
    }
  }

  @ParameterizedTest
  @MethodSource("queries")
  void query_daemonUnavailable_errorDocumentAndOneLineOnStderr(List<String> command) throws IOException {
    fill();
    cluster.schedd.failWith = Status.UNAVAILABLE.withDescription("gone");
    cluster.negotiator.failWith = Status.UNAVAILABLE.withDescription("gone");

    assertEquals(1, run(command));

    assertEquals(1, cluster.out().lines().count(), "the error document is one line: " + cluster.out());
    JsonObject error = single(cluster.out()).getAsJsonObject().getAsJsonObject("error");
    assertEquals("UNAVAILABLE", error.get("code").getAsString(), cluster.out());
    assertTrue(error.get("message").getAsString().startsWith("cannot reach the "), cluster.out());
    assertEquals(1, cluster.err().lines().count(), cluster.err());
    assertTrue(cluster.err().startsWith(command.get(0) + ": cannot reach the "), cluster.err());
  }

  @Test
  void query_noClusterAtAll_unavailableDocument() throws IOException {
    try (FakeCluster none = new FakeCluster(home.resolve("empty"))) {
      java.nio.file.Files.walk(home.resolve("empty")).filter(java.nio.file.Files::isRegularFile)
          .forEach(p -> p.toFile().delete());
      assertEquals(1, none.run("llq", "--json"));
      assertEquals("UNAVAILABLE", single(none.out()).getAsJsonObject().getAsJsonObject("error")
          .get("code").getAsString(), none.out());
    }
  }

  @Test
  void query_notFound_errorDocumentWithTheDaemonsCode() throws IOException {
    cluster.negotiator.failWith = Status.NOT_FOUND.withDescription("no such thing");

    assertEquals(1, cluster.run("llclass", "--json"));

    JsonObject error = single(cluster.out()).getAsJsonObject().getAsJsonObject("error");
    assertEquals("NOT_FOUND", error.get("code").getAsString());
    assertEquals("no such thing", error.get("message").getAsString());
  }

  @Test
  void query_badFlag_invalidArgumentDocumentAndUsageOnStderr() throws IOException {
    assertEquals(1, cluster.run("llsummary", "--json", "-s", "07/32/2007-08/01/2007"));

    JsonObject error = single(cluster.out()).getAsJsonObject().getAsJsonObject("error");
    assertEquals("INVALID_ARGUMENT", error.get("code").getAsString());
    assertTrue(error.get("message").getAsString().contains("07/32/2007"), cluster.out());
    assertTrue(cluster.err().contains("Usage: llsummary"), cluster.err());
    assertTrue(cluster.schedd.queries.isEmpty());
  }

  @Test
  void execute_bugInACommand_internalDocument() throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    CliContext context = LlMain.context(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
        new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), java.io.InputStream.nullInputStream(),
        java.util.Map.of(), home, ChannelFactory.netty(new org.openll.common.cluster.ClusterHome(home), "test"));

    int exit = LlMain.execute("llq", (args, ctx) -> {
      throw new IllegalStateException("boom");
    }, new String[] {"--json"}, context);

    assertEquals(1, exit);
    JsonObject error = single(out.toString(java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject()
        .getAsJsonObject("error");
    assertEquals("INTERNAL", error.get("code").getAsString());
    assertEquals("llq: internal error: java.lang.IllegalStateException: boom\n",
        err.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void llq_idNotFound_stillOneArrayAndExit1() throws IOException {
    cluster.schedd.steps = QueryStepsResponse.newBuilder().addSteps(StepFixtures.idle(7, 0, "jdoe")).build();

    assertEquals(1, cluster.run("llq", "--json", "7", "8"));

    assertEquals(1, single(cluster.out()).getAsJsonArray().size());
    assertEquals("llq: job or step ID not found: 8\n", cluster.err());
  }

  @Test
  void llq_json_stepsInTheApisJsonMapping() throws IOException {
    cluster.schedd.steps = QueryStepsResponse.newBuilder().addSteps(StepFixtures.completed(6, 0, "jdoe", "m1")).build();

    assertEquals(0, cluster.run("llq", "--json"));

    JsonObject step = single(cluster.out()).getAsJsonArray().get(0).getAsJsonObject();
    assertEquals("meso-d.example.com.6.0", step.get("step_id").getAsString());
    assertEquals("STEP_STATE_COMPLETED", step.get("state").getAsString());
    assertEquals("2007-07-24T10:19:37Z", step.get("queue_time").getAsString());
    assertEquals("1500000", step.getAsJsonObject("result").get("user_cpu_micros").getAsString());
  }
}
