package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.MachineStatus;
import org.openll.cli.MachineFixtures;

class MachineLongListingTest {
  @Test
  void resources_machineWithGpus_showsFreeAndTotalOfEach() {
    MachineStatus m = MachineFixtures.running("m1", 4, 1, 2);
    m = m.toBuilder().setAd(m.getAd().toBuilder().putResources("GPU", 2)).putFreeResources("GPU", 1).build();

    assertEquals("Machine                      Consumable Resource(Available, Total)\n"
        + "---------------------------- --------------------------------------------------\n"
        + "m1                           ConsumableCpus(2,4) ConsumableMemory(2048 mb,4096 mb) GPU(1,2)\n",
        MachineLongListing.resources(List.of(m)));
  }

  @Test
  void format_machine_printsNameValueLinesWithClassSlots() {
    String text = MachineLongListing.format(List.of(MachineFixtures.running("m1", 4, 1, 1)),
        new LlDates(ZoneId.of("UTC")));

    assertTrue(text.startsWith("Name              = m1\nMachine           = m1\n"), text);
    assertTrue(text.contains("\nCpus              = 4\n"), text);
    assertTrue(text.contains("\nFreeRealMemory    = 3072 mb\n"), text);
    assertTrue(text.contains("\nState             = Run\n"), text);
    assertTrue(text.contains("\nConfiguredClasses = large(1) small(2)\n"), text);
    assertTrue(text.contains("\nFeature           = gpu\n"), text);
    assertTrue(text.contains("\nResources         = ConsumableCpus(3,4) ConsumableMemory(3072 mb,4096 mb)\n"), text);
    assertTrue(text.contains("\nLastHeard         = Tue Jul 24 11:59:58 UTC 2007\n"), text);
  }

  @Test
  void configuredClasses_noClassSlots_givesCpusPerClass() {
    MachineStatus m = MachineFixtures.idle("m1", 3);
    m = m.toBuilder().setAd(m.getAd().toBuilder().clearClassSlots().addClasses("batch")).build();

    assertEquals("batch(3)", MachineLongListing.slots(MachineLongListing.configuredClasses(m)));
  }
}
