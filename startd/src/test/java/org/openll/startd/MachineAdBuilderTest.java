package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.MachineAd;
import org.openll.api.v1.RunningStep;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

class MachineAdBuilderTest {
  @TempDir Path proc;
  @TempDir Path execute;

  @Test
  void build_fromProcClaimsAndSite_fillsEveryField() throws Exception {
    Files.writeString(proc.resolve("meminfo"),
        "MemTotal:       24576000 kB\nMemFree:  1000 kB\nSwapTotal:  2048000 kB\n");
    Files.writeString(proc.resolve("loadavg"), "0.52 0.40 0.30 1/234 5678\n");
    MachineIdentity identity = new MachineIdentity("node1", 4, "abc");
    MachineAdBuilder.Site site = new MachineAdBuilder.Site(execute, "1", List.of("dev"), Map.of("Rack", "r12"),
        "0.1.0");
    Map<String, Integer> slots = new java.util.LinkedHashMap<>();
    slots.put("small", 3);
    slots.put("large", 1);
    ClaimTable claims = new ClaimTable(identity, new MachineOffer(site, slots,
        Map.of("ConsumableMemory", 24000L, "GPU", 2L)));
    claims.claim(ClaimTableTest.permit("h.1.0", "node1", "abc"),
        new ClaimTable.Claim(2, Map.of("GPU", 1L), "small", 2));

    MachineAd ad = new MachineAdBuilder(identity, claims, proc, "amd64").build("127.0.0.1:4000");

    assertTrue(ad.getDiskKb() > 0, "disk of " + execute);
    assertEquals(MachineAd.newBuilder()
        .setMachine("node1")
        .setAddress("127.0.0.1:4000")
        .setCpus(4)
        .setMemoryMb(24000)
        .setVirtualMemoryMb(26000)
        .setArch("x86_64")
        .setOpsys("Linux")
        .setClaimSecret("abc")
        .setLoadAverage(0.52)
        .addFeatures("dev")
        .setDiskKb(ad.getDiskKb())
        .setPool("1")
        .setLlVersion("0.1.0")
        .putAttributes("Rack", "r12")
        .setContainment("proc")
        .addClasses("small")
        .addClasses("large")
        .putClassSlots("small", 3)
        .putClassSlots("large", 1)
        .putResources("ConsumableMemory", 24000)
        .putResources("GPU", 2)
        .addRunning(RunningStep.newBuilder().setStepId("h.1.0").setCpus(2).putResources("GPU", 1))
        .build(), ad);
  }

  @Test
  void build_unreadableProc_zeroes() {
    MachineIdentity identity = new MachineIdentity("node1", 1, "abc");

    MachineAd ad = new MachineAdBuilder(identity, new ClaimTable(identity), proc.resolve("none"), "aarch64").build("a:1");

    assertEquals(0, ad.getMemoryMb());
    assertEquals(0, ad.getVirtualMemoryMb());
    assertEquals(Map.of(), ad.getResourcesMap());
    assertEquals(List.of(), ad.getClassesList());
    assertFalse(ad.getDrained());
    assertEquals(0.0, ad.getLoadAverage());
    assertEquals("aarch64", ad.getArch());
    assertFalse(ad.getLlVersion().isEmpty());
  }

  @Test
  void diskKb_executeDirNotYetCreated_nearestExistingAncestor() {
    MachineIdentity identity = new MachineIdentity("node1", 1, "abc");
    MachineAdBuilder.Site site = new MachineAdBuilder.Site(execute.resolve("spool/startd/node1"), "", List.of(),
        Map.of(), "x");

    long kb = MachineAdBuilder.diskKb(site);

    assertEquals(execute.toFile().getUsableSpace() / 1024, kb, 1024 * 1024);
    assertTrue(kb > 0);
  }

  @Test
  void siteFromConfig_featurePoolAndAttributes() {
    LoadLConfig config = LoadLConfig.parse(List.of(
        "FEATURE = { \"dev\" \"pre post\" } gpu",
        "POOL = 2 ",
        "MACHINE_ATTRIBUTES = Rack=r12; Gpus=4  Empty="), "LoadL_config");

    MachineAdBuilder.Site site = MachineAdBuilder.Site.fromConfig(config, execute);

    assertEquals(List.of("dev", "pre post", "gpu"), site.features());
    assertEquals("2", site.pool());
    assertEquals(Map.of("Rack", "r12", "Gpus", "4", "Empty", ""), site.attributes());
    assertEquals(execute, site.executeDir());
  }

  @Test
  void siteFromConfig_emptyConfig_noFacts() {
    MachineAdBuilder.Site site = MachineAdBuilder.Site.fromConfig(LoadLConfig.empty(), execute);

    assertEquals(List.of(), site.features());
    assertEquals("", site.pool());
    assertEquals(Map.of(), site.attributes());
  }

  @Test
  void siteFromConfig_malformedAttribute_namesKeyword() {
    LoadLConfig config = LoadLConfig.parse(List.of("MACHINE_ATTRIBUTES = Rack"), "LoadL_config");

    ConfigException e = assertThrows(ConfigException.class, () -> MachineAdBuilder.Site.fromConfig(config, execute));
    assertEquals("MACHINE_ATTRIBUTES: expected Name=value, got \"Rack\"", e.getMessage());
  }

  @Test
  void newClaimSecret_is128BitHexAndRandom() {
    String a = MachineIdentity.newClaimSecret();
    assertEquals(32, a.length());
    assertEquals(false, a.equals(MachineIdentity.newClaimSecret()));
  }
}
