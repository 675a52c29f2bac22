package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.QueryStepsResponse;
import org.openll.api.v1.StepStatus;

/** llsummary's selection, sections and reports over a fixture history, against an in-process schedd. */
class LlSummaryCommandTest {
  @TempDir Path home;
  private FakeCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = new FakeCluster(home);
    cluster.schedd.steps = QueryStepsResponse.newBuilder()
        .addSteps(finished(1, "alice", "short", "chem", "A1", "m1", "2007-07-01T09:00:00Z", "2007-07-01T10:00:00Z"))
        .addSteps(finished(2, "alice", "long", "", "", "m2.example.com", "2007-07-15T09:00:00Z", "2007-07-16T09:00:00Z"))
        .addSteps(finished(3, "bob", "short", "phys", "B7", "m1", "2007-07-24T08:00:00Z", "2007-07-24T18:30:00Z"))
        .addSteps(finished(4, "bob", "short", "phys", "B7", "m2", "2007-08-02T08:00:00Z", "2007-08-02T09:00:00Z"))
        .addSteps(StepFixtures.idle(5, 0, "carol"))
        .build();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private static StepStatus finished(int job, String owner, String jobClass, String group, String account,
      String machine, String queued, String completed) {
    StepStatus step = StepFixtures.completed(job, 0, owner, machine);
    return step.toBuilder()
        .setSpec(step.getSpec().toBuilder().setJobClass(jobClass).setGroup(group).setAccountNo(account))
        .setQueueTime(StepFixtures.at(queued))
        .setDispatchTime(StepFixtures.at(queued).toBuilder().setSeconds(StepFixtures.at(queued).getSeconds() + 60 * job))
        .setCompletionTime(StepFixtures.at(completed))
        .build();
  }

  private JsonObject json(String... args) throws Exception {
    String[] all = new String[args.length + 1];
    all[0] = "--json";
    System.arraycopy(args, 0, all, 1, args.length);
    assertEquals(0, cluster.run("llsummary", all), cluster.err());
    return JsonOutputTest.single(cluster.out()).getAsJsonObject();
  }

  private static List<String> names(JsonObject document, String section) {
    JsonArray rows = document.getAsJsonArray(section);
    return StreamSupport.stream(rows.spliterator(), false)
        .map(row -> row.getAsJsonObject().get("name").getAsString()).toList();
  }

  @Test
  void llsummary_noFlags_fourDefaultTablesOfFinishedStepsOnly() throws Exception {
    JsonObject document = json();

    assertEquals(List.of("alice", "bob"), names(document, "user"));
    assertEquals(List.of("long", "short"), names(document, "class"));
    assertEquals(List.of("No_Group", "chem", "phys"), names(document, "group"));
    assertEquals(List.of("A1", "B7", "NONE"), names(document, "account"));
    assertEquals(4, document.getAsJsonObject("total").get("steps").getAsInt());
    assertTrue(cluster.schedd.queries.get(0).getIncludeFinished());
  }

  @Test
  void llsummary_user_askedOfTheSchedd() throws Exception {
    json("-u", "bob");

    assertEquals(List.of("bob"), cluster.schedd.queries.get(0).getOwnersList());
  }

  @Test
  void llsummary_classGroupAccount_everyGivenCriterionHolds() throws Exception {
    assertEquals(List.of("alice", "bob"), names(json("-c", "short"), "user"));
    cluster.out.reset();
    assertEquals(List.of("bob"), names(json("-c", "short", "-g", "phys"), "user"));
    cluster.out.reset();
    assertEquals(List.of("alice"), names(json("-g", "No_Group"), "user"));
    cluster.out.reset();
    assertEquals(List.of("short"), names(json("--account", "A1"), "class"));
  }

  @Test
  void llsummary_allocatedShortOrFullName_matchesEither() throws Exception {
    assertEquals(List.of("alice", "bob"), names(json("-a", "m2"), "user"));
    cluster.out.reset();
    assertEquals(List.of("alice", "bob"), names(json("-a", "m1.example.com"), "user"));
  }

  @Test
  void llsummary_queuedRange_selectsBySubmission() throws Exception {
    JsonObject document = json("-s", "07/01/2007-07/15/2007");

    assertEquals(2, document.getAsJsonObject("total").get("steps").getAsInt());
    assertEquals(List.of("alice"), names(document, "user"));
  }

  @Test
  void llsummary_completedRangeWithTimes_endInclusiveToTheMinute() throws Exception {
    assertEquals(List.of("bob"), names(json("-e", "07/24/2007 18:30-07/24/2007 18:30"), "user"));
    cluster.out.reset();
    assertEquals(List.of(), names(json("-e", "07/24/2007 18:31-07/31/2007"), "user"));
  }

  @Test
  void llsummary_job_selectsOneJob() throws Exception {
    assertEquals(List.of("meso-d.example.com.3"), names(json("-j", "3", "-d", "jobid"), "jobid"));
  }

  @Test
  void llsummary_daySectionAndMonth_groupByQueueDate() throws Exception {
    JsonObject document = json("-d", "month,day");

    assertEquals(List.of("month", "day", "total"), List.copyOf(document.keySet()));
    assertEquals(List.of("2007-07", "2007-08"), names(document, "month"));
    assertEquals(List.of("2007-07-01", "2007-07-15", "2007-07-24", "2007-08-02"), names(document, "day"));
  }

  @Test
  void llsummary_weekSection_isoWeekOfTheQueueDate() throws Exception {
    assertEquals(List.of("2007-W26", "2007-W28", "2007-W30", "2007-W31"), names(json("-d", "week"), "week"));
  }

  @Test
  void llsummary_text_sectionsHeadedLikeLoadLeveler() {
    assertEquals(0, cluster.run("llsummary", "-d", "user,allocated", "-c", "long"), cluster.err());

    assertEquals(String.join("\n",
        "        Name   Jobs   Steps        Job Cpu    Starter Cpu     Leverage",
        "       alice      1       1       00:00:01       00:00:00            -",
        "       TOTAL      1       1       00:00:01       00:00:00            -",
        "",
        "   Allocated   Jobs   Steps        Job Cpu    Starter Cpu     Leverage",
        "m2.example.com      1       1       00:00:01       00:00:00            -",
        "       TOTAL      1       1       00:00:01       00:00:00            -",
        "", ""), cluster.out());
  }

  @Test
  void llsummary_throughput_averageMinimumMaximumQueueRealAndCpuTime() {
    assertEquals(0, cluster.run("llsummary", "-r", "throughput", "-d", "class", "-c", "short"), cluster.err());

    String out = cluster.out();
    assertTrue(out.contains("       Class   Jobs   Steps   AvgQueueTime    AvgRealTime     AvgCPUTime\n"
        + "       short      3       3       00:02:40       00:00:58       00:00:01\n"), out);
    assertTrue(out.contains("       short      3       3       00:01:00       00:00:58       00:00:01\n"), out);
    assertTrue(out.contains("       TOTAL      3       3       00:04:00       00:00:58       00:00:01\n"), out);
  }

  @Test
  void llsummary_numeric_cpuInSeconds() {
    assertEquals(0, cluster.run("llsummary", "-r", "numeric", "-d", "user", "-u", "bob"), cluster.err());

    assertTrue(cluster.out().contains("         bob      2       2           3.00           0.00            -\n"),
        cluster.out());
  }

  @Test
  void llsummary_badSectionReportOrFile_usageErrorWithoutCallingTheSchedd() {
    assertEquals(1, cluster.run("llsummary", "-d", "users"));
    assertTrue(cluster.err().startsWith("llsummary: unknown section: users (user, class,"), cluster.err());
    assertEquals(1, cluster.run("llsummary", "-r", "fast"));
    assertTrue(cluster.err().contains("llsummary: unknown report type: fast"), cluster.err());
    assertEquals(1, cluster.run("llsummary", "/var/loadl/archive/history.archive"));
    assertTrue(cluster.err().contains("openll keeps no history files"), cluster.err());
    assertTrue(cluster.schedd.queries.isEmpty());
  }

  @Test
  void llsummary_nothingMatches_onlyTotalRows() {
    assertEquals(0, cluster.run("llsummary", "-u", "nobody", "-d", "user"), cluster.err());

    assertTrue(cluster.out().contains("       TOTAL      0       0       00:00:00       00:00:00            -\n"),
        cluster.out());
  }
}
