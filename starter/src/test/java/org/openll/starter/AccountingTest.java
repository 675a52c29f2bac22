package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountingTest {
  @Test
  void childCpuTimes_statWithBlankInName_readsCutimeAndCstime() {
    String stat = "1234 (my prog) S 1 1234 1234 0 -1 4194304 100 0 0 0 5 6 70 80 20 0 1 0 100 1000 200";

    ChildCpuTimes times = ChildCpuTimes.parse(stat);

    assertEquals(70, times.userTicks());
    assertEquals(80, times.systemTicks());
    assertEquals(700_000, times.userMicros());
  }

  @Test
  void childCpuTimes_minusBaseline_subtracts() {
    assertEquals(new ChildCpuTimes(3, 4), new ChildCpuTimes(10, 10).minus(new ChildCpuTimes(7, 6)));
  }

  @Test
  void exitStatus_normalAndSignalValues_mapped() {
    assertEquals(new ExitStatus(3, 0), ExitStatus.fromExitValue(3));
    assertEquals(new ExitStatus(128, 0), ExitStatus.fromExitValue(128));
    assertEquals(new ExitStatus(137, 9), ExitStatus.fromExitValue(137));
    assertEquals(new ExitStatus(255, 0), ExitStatus.fromExitValue(255));
  }

  @Test
  void rssKb_statusFile_readsVmRss(@TempDir Path dir) throws Exception {
    Path status = dir.resolve("status");
    Files.writeString(status, "Name:\tsleep\nVmPeak:\t 9000 kB\nVmRSS:\t    1544 kB\n");

    assertEquals(1544, ResourceSampler.rssKb(status));
    assertEquals(0, ResourceSampler.rssKb(dir.resolve("gone")));
  }
}
