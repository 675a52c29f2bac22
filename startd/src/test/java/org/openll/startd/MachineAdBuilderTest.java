package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.MachineAd;
import org.openll.api.v1.RunningStep;

class MachineAdBuilderTest {
  @TempDir Path proc;

  @Test
  void build_fromProcAndClaims_fillsEveryField() throws Exception {
    Files.writeString(proc.resolve("meminfo"), "MemTotal:       24576000 kB\nMemFree:  1000 kB\n");
    Files.writeString(proc.resolve("loadavg"), "0.52 0.40 0.30 1/234 5678\n");
    MachineIdentity identity = new MachineIdentity("node1", 4, "abc");
    ClaimTable claims = new ClaimTable(identity);
    claims.claim(ClaimTableTest.permit("h.1.0", "node1", "abc"), 2);

    MachineAd ad = new MachineAdBuilder(identity, claims, proc, "amd64").build("127.0.0.1:4000");

    assertEquals(MachineAd.newBuilder()
        .setMachine("node1")
        .setAddress("127.0.0.1:4000")
        .setCpus(4)
        .setMemoryMb(24000)
        .setArch("x86_64")
        .setOpsys("Linux")
        .setClaimSecret("abc")
        .setLoadAverage(0.52)
        .setContainment("proc")
        .addRunning(RunningStep.newBuilder().setStepId("h.1.0").setCpus(2))
        .build(), ad);
  }

  @Test
  void build_unreadableProc_zeroes() {
    MachineIdentity identity = new MachineIdentity("node1", 1, "abc");

    MachineAd ad = new MachineAdBuilder(identity, new ClaimTable(identity), proc.resolve("none"), "aarch64").build("a:1");

    assertEquals(0, ad.getMemoryMb());
    assertEquals(0.0, ad.getLoadAverage());
    assertEquals("aarch64", ad.getArch());
  }

  @Test
  void newClaimSecret_is128BitHexAndRandom() {
    String a = MachineIdentity.newClaimSecret();
    assertEquals(32, a.length());
    assertEquals(false, a.equals(MachineIdentity.newClaimSecret()));
  }
}
