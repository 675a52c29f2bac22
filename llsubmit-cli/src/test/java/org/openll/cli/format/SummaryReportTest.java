package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void json_oneStep_userClassGroupAccount() {
    String json = SummaryReport.json(List.of(step("h.1", "alice", 1_500_000)));

    assertTrue(json.startsWith("{\"user\": [{\"name\": \"alice\", \"jobs\": 1, \"steps\": 1, \"job_cpu_seconds\": 1.50"), json);
    assertTrue(json.contains("\"class\": [{\"name\": \"short\""), json);
  }
}
