package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainmentProbeTest {
  @TempDir Path dir;

  @Test
  void choose_noCgroupMounted_proc() throws Exception {
    Path mounts = dir.resolve("mounts");
    Files.writeString(mounts, "proc /proc proc rw 0 0\n");

    assertEquals(new ContainmentProbe.Choice("proc", ""), new ContainmentProbe(mounts).choose("auto"));
  }

  @Test
  void choose_cgroup2MountWithoutKillFile_proc() throws Exception {
    Path mounts = dir.resolve("mounts");
    Files.writeString(mounts, "cgroup2 " + dir.resolve("fake") + " cgroup2 rw 0 0\n");

    assertEquals("proc", new ContainmentProbe(mounts).choose("auto").mechanism());
  }

  @Test
  void choose_procAsked_procEvenWithCgroups() throws Exception {
    assertEquals("proc", new ContainmentProbe(Path.of("/proc/self/mounts")).choose("proc").mechanism());
  }
}
