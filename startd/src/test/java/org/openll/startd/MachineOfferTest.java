package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.MachineStanza;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

class MachineOfferTest {
  private static final Path EXECUTE = Path.of("/tmp/execute");
  private static final MemInfo MEMORY = new MemInfo(16000, 4000);

  private static AdminConfig adminWith(MachineStanza machine) {
    AdminConfig empty = AdminConfig.empty();
    return new AdminConfig(Map.of(), Map.of(), Map.of(), Map.of(machine.name(), machine), empty.defaultClass(),
        empty.defaultUser(), empty.defaultGroup());
  }

  private static LoadLConfig config(String... lines) {
    return LoadLConfig.parse(List.of(lines), "LoadL_config");
  }

  @Test
  void from_noKeywords_memoryFromProcAnyClass() {
    MachineOffer offer = MachineOffer.from(LoadLConfig.empty(), AdminConfig.empty(), "HOST-1", EXECUTE, MEMORY);

    assertEquals(Map.of("ConsumableMemory", 16000L, "ConsumableVirtualMemory", 20000L), offer.resources());
    assertEquals(Map.of(), offer.classSlots());
    assertEquals(4, offer.slotsOf("anything", 4));
  }

  @Test
  void from_machineStanzaThenConfigResources_laterOverridesAndCpusDropped() {
    MachineStanza stanza = new MachineStanza("HOST-1", Map.of("ConsumableMemory", 8000L, "GPU", 4L,
        "ConsumableCpus", 64L), Map.of());

    MachineOffer offer = MachineOffer.from(config("RESOURCES = GPU(2) licence(5) ConsumableVirtualMemory(1gb)"),
        adminWith(stanza), "HOST-1", EXECUTE, MEMORY);

    assertEquals(Map.of("ConsumableMemory", 8000L, "ConsumableVirtualMemory", 1024L, "GPU", 2L, "licence", 5L),
        offer.resources());
  }

  @Test
  void from_otherMachinesStanza_notApplied() {
    MachineStanza stanza = new MachineStanza("HOST-2", Map.of("GPU", 4L), Map.of());

    MachineOffer offer = MachineOffer.from(LoadLConfig.empty(), adminWith(stanza), "HOST-1", EXECUTE, MEMORY);

    assertEquals(null, offer.resources().get("GPU"));
  }

  @Test
  void from_classWithCounts_slotsAndClassesInOrder() {
    MachineOffer offer = MachineOffer.from(config("CLASS = small(4) large(1)"), AdminConfig.empty(), "HOST-1",
        EXECUTE, MEMORY);

    assertEquals(Map.of("small", 4, "large", 1), offer.classSlots());
    assertEquals(List.of("small", "large"), offer.classes());
    assertEquals(0, offer.slotsOf("No_Class", 8));
  }

  @Test
  void from_classListForm_oneInitiatorPerOccurrence() {
    MachineOffer offer = MachineOffer.from(config("CLASS = { \"small\" \"small\" \"large\" } No_Class(2)"),
        AdminConfig.empty(), "HOST-1", EXECUTE, MEMORY);

    assertEquals(Map.of("small", 2, "large", 1, "No_Class", 2), offer.classSlots());
  }

  @Test
  void from_malformedClass_configExceptionNamingKeyword() {
    ConfigException e = assertThrows(ConfigException.class, () -> MachineOffer.from(config("CLASS = small(x)"),
        AdminConfig.empty(), "HOST-1", EXECUTE, MEMORY));

    assertEquals("LoadL_config: CLASS: expected name(n) or a list of names, got \"(x)\"", e.getMessage());
  }

  @Test
  void from_malformedResources_configExceptionNamingKeyword() {
    ConfigException e = assertThrows(ConfigException.class, () -> MachineOffer.from(config("RESOURCES = GPU 2"),
        AdminConfig.empty(), "HOST-1", EXECUTE, MEMORY));

    assertEquals("LoadL_config: RESOURCES: expected name(count), got \"GPU 2\"", e.getMessage());
  }

  @Test
  void changesFrom_classAndFeatureChanged_oneLineEach() {
    MachineOffer before = MachineOffer.from(config("CLASS = small(1)"), AdminConfig.empty(), "HOST-1", EXECUTE,
        MEMORY);
    MachineOffer after = MachineOffer.from(config("CLASS = small(2)", "FEATURE = gpu"), AdminConfig.empty(),
        "HOST-1", EXECUTE, MEMORY);

    assertEquals(List.of("CLASS small(2)", "FEATURE gpu"), after.changesFrom(before));
    assertEquals(List.of(), after.changesFrom(after));
  }

  @Test
  void memInfo_fakeMeminfo_physicalAndSwapInMib(@org.junit.jupiter.api.io.TempDir Path proc) throws Exception {
    java.nio.file.Files.writeString(proc.resolve("meminfo"),
        "MemTotal:        8192000 kB\nMemFree: 1 kB\nSwapTotal:       1024000 kB\nSwapFree: 0 kB\n");

    MemInfo memory = MemInfo.read(proc);

    assertEquals(new MemInfo(8000, 1000), memory);
    assertEquals(9000, memory.virtualMb());
  }
}
