package org.openll.cli.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.cluster.ClusterHome;

class SupervisorTest {
  @TempDir Path root;

  @Test
  void daemonThatExitsAtOnce_restartedUpToTheBudget_thenGivenUpInStatusFileAndLog() throws Exception {
    ClusterHome home = new ClusterHome(root);
    Path statusFile = MasterStatusFile.of(home);
    Path log = home.logDir().resolve("startd-vm-1.log");
    Clock clock = Clock.systemUTC();
    DaemonProcess daemon = new DaemonProcess(new DaemonSpec("startd-vm-1", "unused", List.of()),
        List.of("/bin/false"), log, new RestartBudget(clock, 2));
    Supervisor supervisor = new Supervisor(home, statusFile, List.of(daemon), clock, Duration.ofMillis(10),
        Duration.ofSeconds(1), Duration.ofSeconds(2));
    try {
      supervisor.start();

      boolean gaveUp = Waits.until(
          () -> MasterStatusFile.read(statusFile).stream().anyMatch(DaemonState::gaveUp),
          Duration.ofSeconds(20), Duration.ofMillis(20));

      assertTrue(gaveUp, "no give-up in " + statusFile);
      DaemonState state = MasterStatusFile.read(statusFile).get(0);
      assertEquals("startd-vm-1", state.name());
      assertEquals(2, state.restartsLastHour());
      assertEquals(2, state.restartsPerHour());
      assertTrue(state.startedAt().isPresent());
      assertTrue(Files.readString(log).contains("giving up on it"));
    } finally {
      supervisor.stop();
    }
    assertFalse(Files.exists(statusFile));
  }
}
