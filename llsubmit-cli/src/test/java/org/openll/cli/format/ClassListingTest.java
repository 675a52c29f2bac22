package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.ClassStatus;
import org.openll.cli.MachineFixtures;

class ClassListingTest {
  @Test
  void standard_classes_headerAndRowsInLoadLevelersColumns() {
    ClassStatus large = MachineFixtures.clazz("large", 1, 4, "long jobs").toBuilder()
        .putKeywords("job_cpu_limit", "36:00:00,35:00:00").putKeywords("cpu_limit", "1800").build();

    assertEquals(
        "Name                 MaxJobCPU     MaxProcCPU  Free   Max Description\n"
            + "                    d+hh:mm:ss     d+hh:mm:ss Slots Slots\n"
            + "--------------- -------------- -------------- ----- ----- ---------------------\n"
            + "large               1+12:00:00       00:30:00     1     4 long jobs\n"
            + "No_Class             undefined      undefined   272   384\n",
        ClassListing.standard(List.of(large, MachineFixtures.clazz("No_Class", 272, 384, ""))));
  }

  @Test
  void cpuTime_values_formatAsLlclassDoes() {
    assertEquals("undefined", CpuTime.ofKeyword(Optional.empty()));
    assertEquals("unlimited", CpuTime.ofKeyword(Optional.of("rlim_infinity")));
    assertEquals("00:01:30", CpuTime.ofKeyword(Optional.of("1:30")));
    assertEquals("2+00:00:00", CpuTime.ofKeyword(Optional.of("172800")));
    assertEquals("soon", CpuTime.ofKeyword(Optional.of("soon")));
  }

  @Test
  void longListing_class_showsStanzaKeywordsAndSlots() {
    ClassStatus small = MachineFixtures.clazz("small", 2, 3, "quick").toBuilder()
        .setPriority(10).putKeywords("include_users", "alice bob").putKeywords("maxjobs", "4")
        .putKeywords("wall_clock_limit", "1:00:00").build();

    String text = ClassListing.longListing(List.of(small));

    assertTrue(text.startsWith("=============== Class small ===============\n"
        + "                    Name: small\n"
        + "                Priority: 10\n"
        + "           Include_Users: alice bob\n"
        + "           Exclude_Users:\n"), text);
    assertTrue(text.contains("\n                 Maxjobs: 4\n"), text);
    assertTrue(text.contains("\n        Wall_clock_limit: 1:00:00\n"), text);
    assertTrue(text.contains("\n              Free_slots: 2\n           Maximum_slots: 3\n"), text);
  }
}
