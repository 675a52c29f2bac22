package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountingTest {
  @Test
  void childCpuTimes_statWithBlankInName_readsCutimeAndCstime() {
    String stat = "1234 (my prog) S 1 1234 1234 0 -1 4194304 100 0 0 0 5 6 70 80 20 0 1 0 100 1000 200";

    ChildCpuTimes times = ChildCpuTimes.parse(stat);

    assertEquals(700_000, times.userMicros());
    assertEquals(800_000, times.systemMicros());
  }

  @Test
  void statField_ownStatLine_sameFieldsAsSplittingIt() throws Exception {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");

    for (int n = 4; n < fields.length + 3; n++) {
      if (fields[n - 3].length() < 19) { // a few fields are unsigned 64-bit values
        assertEquals(Long.parseLong(fields[n - 3]), ChildCpuTimes.field(stat, n), "field " + n);
      }
    }
    assertTrue(ChildCpuTimes.ownMicros() > 0);
  }

  @Test
  void hms_asTheFormatPrintsIt() {
    for (long seconds : new long[] {0, 5, 59, 60, 61, 3599, 3600, 86_399, 360_000, 3_600_000_000L, -1, -59, -61, -36_000}) {
      assertEquals(String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60),
          LimitPolicy.hms(seconds), "seconds " + seconds);
    }
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
