package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepStatus;
import org.openll.cli.StepFixtures;

class StandardListingTest {
  private final StandardListing listing = new StandardListing(new LlDates(ZoneId.of("UTC")));

  @Test
  void format_idleAndRunningSteps_printsLoadLevelerColumnsAndSummary() {
    List<StepStatus> steps = List.of(
        StepFixtures.idle(16250, 0, "jdoe"),
        StepFixtures.running(16251, 0, "asmith", "node7.example.com"));

    String text = listing.format(steps, false);

    assertEquals(
        "Id                       Owner      Submitted   ST PRI Class        Running On\n"
            + "------------------------ ---------- ----------- -- --- ------------ -----------\n"
            + "meso-d.16250.0           jdoe        7/24 10:19 I  50  No_Class\n"
            + "meso-d.16251.0           asmith      7/24 10:19 R  50  No_Class     node7\n"
            + "\n"
            + "2 job step(s) in queue, 1 waiting, 0 pending, 1 running, 0 held, 0 preempted\n",
        text);
  }

  @Test
  void row_valuesLongerThanColumns_areCutToTheWidth() {
    StepStatus step = StepFixtures.running(12, 3, "averyveryverylongname", "m").toBuilder()
        .setStepId("a-very-long-host-name-indeed.example.com.123456789.0")
        .setSpec(StepFixtures.idle(12, 3, "x").getSpec().toBuilder().setJobClass("a_very_long_class_name").setUserPriority(100))
        .setState(StepState.STEP_STATE_COMPLETE_PENDING)
        .build();

    assertEquals("a-very-long-host-name-in averyveryv  7/24 10:19 CP 100 a_very_long_ m",
        listing.row(step));
  }

  @Test
  void row_idleStepWithAMachineFromARejectedStart_showsNoMachine() {
    StepStatus step = StepFixtures.idle(5, 0, "jdoe").toBuilder().setMachine("node1").build();

    assertEquals("meso-d.5.0               jdoe        7/24 10:19 I  50  No_Class", listing.row(step));
  }

  @Test
  void format_filtered_saysInQuery() {
    String text = listing.format(List.of(StepFixtures.idle(1, 0, "jdoe")), true);

    assertEquals("1 job step(s) in query, 1 waiting, 0 pending, 0 running, 0 held, 0 preempted",
        text.lines().reduce((a, b) -> b).orElseThrow());
  }
}
