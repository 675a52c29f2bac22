package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs on this machine's cgroup v2 tree, where the starters make their step cgroups. */
class StaleStepCgroupsTest {
  private Path parent;
  private Process member;

  @BeforeEach
  void cgroupParent() {
    ContainmentProbe.Choice choice = new ContainmentProbe(Path.of("/proc/self/mounts")).choose("cgroup-v2");
    assumeTrue(choice.mechanism().equals("cgroup-v2"), "no writable cgroup v2 tree here");
    parent = Path.of(choice.cgroupParent());
  }

  @AfterEach
  void killMember() throws Exception {
    if (member != null) {
      member.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void sweep_emptyCgroupOfAGoneStarter_removed() throws Exception {
    Path cgroup = Files.createDirectory(parent.resolve("test.1.0." + goneProcessPid()));

    StaleStepCgroups.sweep(parent);

    assertFalse(Files.exists(cgroup));
  }

  @Test
  void sweep_cgroupOfALiveStarter_kept() throws Exception {
    Path cgroup = Files.createDirectory(parent.resolve("test.1.1." + ProcessHandle.current().pid()));
    try {
      StaleStepCgroups.sweep(parent);

      assertTrue(Files.exists(cgroup));
    } finally {
      Files.delete(cgroup);
    }
  }

  @Test
  void removeIfStale_cgroupStillHoldsTheStepsProcess_keptUntilItEnds() throws Exception {
    long gone = goneProcessPid();
    Path cgroup = Files.createDirectory(parent.resolve("test.1.2." + gone));
    member = new ProcessBuilder("/bin/sh", "-c", "echo $$ > \"$0\" && exec sleep 60",
        cgroup.resolve("cgroup.procs").toString()).start();
    Conditions.await(() -> !members(cgroup).isBlank(), 10, "the process joined " + cgroup);

    assertFalse(StaleStepCgroups.removeIfStale(parent, "test.1.2", gone));
    assertTrue(Files.exists(cgroup));

    member.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    Conditions.await(() -> StaleStepCgroups.removeIfStale(parent, "test.1.2", gone), 10, "removed " + cgroup);
    assertFalse(Files.exists(cgroup));
  }

  private static String members(Path cgroup) {
    try {
      return Files.readString(cgroup.resolve("cgroup.procs"));
    } catch (IOException e) {
      return "";
    }
  }

  /** The pid of a process that has ended and been reaped. */
  private static long goneProcessPid() throws Exception {
    Process process = new ProcessBuilder("/bin/true").start();
    process.waitFor();
    return process.pid();
  }
}
