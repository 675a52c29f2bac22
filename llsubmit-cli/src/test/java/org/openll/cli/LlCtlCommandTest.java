package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.cli.master.DaemonState;
import org.openll.cli.master.MasterStatusFile;
import org.openll.common.cluster.ClusterHome;

class LlCtlCommandTest {
  @TempDir Path home;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int llctl(String... args) {
    CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
        Map.of(ClusterHome.ENV, home.toString()), home, "jdoe", "/home/jdoe", Clock.systemUTC(),
        address -> { throw new AssertionError("no daemon runs"); }, Duration.ofSeconds(1));
    return LlMain.run("llctl", args, context);
  }

  @Test
  void stop_noMaster_saysNotRunningAndSucceeds() {
    assertEquals(0, llctl("stop"));
    assertEquals("llctl: openll is not running in " + home + "\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void stop_pidFileOfAProcessThatIsNoMaster_leavesItAlone() throws Exception {
    Files.createDirectories(home.resolve("run"));
    Files.writeString(home.resolve("run/master.pid"), ProcessHandle.current().pid() + "\n");

    assertEquals(0, llctl("stop"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("not running"));
  }

  @Test
  void start_configGivesTheHostNoRole_failsNamingItAndStartsNothing() throws Exception {
    Files.writeString(home.resolve("LoadL_config"),
        "CENTRAL_MANAGER_LIST = cm\nSCHEDD_HOST = cm\nSTARTD_RUNS_HERE = false\n");

    assertEquals(1, llctl("start", "--host", "exec1"));

    assertEquals("llctl: " + home.resolve("LoadL_config") + " gives exec1 no role (CENTRAL_MANAGER_LIST,"
        + " SCHEDD_HOST, STARTD_RUNS_HERE): nothing to start\n", err.toString(StandardCharsets.UTF_8));
    assertTrue(Files.notExists(home.resolve("run/master.pid")));
  }

  @Test
  void start_badRoleKeyword_failsNamingTheKeyword() throws Exception {
    Files.writeString(home.resolve("LoadL_config"), "CENTRAL_MANAGER_LIST = cm\nSTARTD_RUNS_HERE = sometimes\n");

    assertEquals(1, llctl("start", "--host", "cm"));

    assertTrue(err.toString(StandardCharsets.UTF_8).contains("STARTD_RUNS_HERE = sometimes: not true or false"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void status_noMaster_exitsOne() {
    assertEquals(1, llctl("status"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("master      not running"));
  }

  @Test
  void noAction_printsUsage() {
    assertEquals(1, llctl());
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("llctl: give one of start, stop, status, reconfig, drain, resume, flush, purge\nUsage: llctl"));
  }

  @Test
  void status_statusFileWithAGivenUpStartd_showsRestartsAndGaveUpLine() throws Exception {
    MasterStatusFile.write(MasterStatusFile.of(new ClusterHome(home)), List.of(
        new DaemonState("negotiator", 100, Optional.of(Instant.parse("2026-11-25T19:00:00Z")), 0, 10, Optional.empty()),
        new DaemonState("schedd", 101, Optional.of(Instant.parse("2026-11-25T19:00:01Z")), 1, 10, Optional.empty()),
        new DaemonState("startd-vm-1", 102, Optional.of(Instant.parse("2026-11-25T19:04:00Z")), 10, 10,
            Optional.of(Instant.parse("2026-11-25T19:05:00Z")))));

    llctl("status");

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(List.of(
        "negotiator               -                     down restarts 0   pid 100     uptime -           version -",
        "schedd                   -                     down restarts 1   pid 101     uptime -           version -",
        "startd-vm-1              -                     down restarts 10  pid 102     uptime -           version -",
        "startd-vm-1: gave up after 10 restarts in an hour (RESTARTS_PER_HOUR); see log/startd-vm-1.log"),
        lines.subList(1, lines.size()));
  }
}
