package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.StepResult;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepStatus;

class SummaryReportTest {
  private static StepStatus step(String job, String owner, long cpuMicros) {
    return StepStatus.newBuilder().setJobId(job).setOwner(owner)
        .setSpec(StepSpec.newBuilder().setJobClass("short"))
        .setResult(StepResult.newBuilder().setUserCpuMicros(cpuMicros)).build();
  }

  private static StepStatus step(String job, String owner, long cpuMicros, long starterMicros) {
    StepStatus step = step(job, owner, cpuMicros);
    return step.toBuilder().setResult(step.getResult().toBuilder().setStarterCpuMicros(starterMicros)).build();
  }

  @Test
  void text_twoUsers_rowsPerUserAndTotalInHms() {
    String text = SummaryReport.text(List.of(step("h.1", "alice", 2_000_000), step("h.1", "alice", 1_000_000),
        step("h.2", "bob", 3_700_000_000L), StepStatus.newBuilder().setJobId("h.3").setOwner("carol").build()));

    assertTrue(text.contains("        Name   Jobs   Steps        Job Cpu    Starter Cpu     Leverage"), text);
    assertTrue(text.contains("       alice      1       2       00:00:03       00:00:00            -"), text);
    assertTrue(text.contains("         bob      1       1       01:01:40"), text);
    assertTrue(text.contains("       TOTAL      2       3       01:01:43"), text);
    assertTrue(!text.contains("carol"), text);
  }

  @Test
  void text_starterCpu_givesLeverage() {
    String text = SummaryReport.text(List.of(step("h.1", "alice", 8_000_000, 2_000_000)));

    assertTrue(text.contains("       alice      1       1       00:00:08       00:00:02          4.0"), text);
  }

  @Test
  void json_oneStep_userClassGroupAccount() {
    JsonObject json = JsonParser.parseString(
        SummaryReport.json(List.of(step("h.1", "al\"ice", 1_500_000, 500_000)))).getAsJsonObject();

    JsonObject alice = json.getAsJsonArray("user").get(0).getAsJsonObject();
    assertEquals("al\"ice", alice.get("name").getAsString());
    assertEquals(1, alice.get("jobs").getAsInt());
    assertEquals(1.5, alice.get("job_cpu_seconds").getAsDouble());
    assertEquals(0.5, alice.get("starter_cpu_seconds").getAsDouble());
    assertEquals("short", json.getAsJsonArray("class").get(0).getAsJsonObject().get("name").getAsString());
    assertEquals(List.of("user", "class", "group", "account", "total"), List.copyOf(json.keySet()));
  }
}
