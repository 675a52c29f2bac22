package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.StarterEvent;
import org.openll.api.v1.StarterInput;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepLimits;
import org.openll.api.v1.StepResult;
import org.openll.api.v1.StepState;

/** The starter as a chaperone: containment, limits, accounting, hooks, run with real processes. */
class ChaperoneTest {
  private static final Path CGROUP2 = Path.of("/sys/fs/cgroup/unified");

  @TempDir Path dir;
  private final Launches.RecordingOutput out = new Launches.RecordingOutput();
  private final String marker = "7" + (1000000 + new Random().nextInt(8000000));
  private Path cgroupParent;

  @BeforeEach
  void makeCgroupParent() {
    Path parent = CGROUP2.resolve("openll-test-" + ProcessHandle.current().pid() + "-" + marker);
    try {
      Files.createDirectory(parent);
      cgroupParent = parent;
    } catch (IOException | UnsupportedOperationException e) {
      cgroupParent = null;
    }
  }

  @AfterEach
  void cleanUp() throws IOException {
    markedProcesses().forEach(ProcessHandle::destroyForcibly);
    if (cgroupParent != null) {
      Files.deleteIfExists(cgroupParent);
    }
  }

  private StarterLaunch.Builder launch(String script) {
    return Launches.launch(dir, Launches.spec(dir, "/bin/sh", "-c", script).build()).toBuilder()
        .setSamplePeriodMillis(20);
  }

  private StarterLaunch.Builder contained(String mechanism, StarterLaunch.Builder launch) {
    if (mechanism.equals("cgroup-v2")) {
      assumeTrue(cgroupParent != null, "no writable cgroup2 here");
      return launch.setContainment("cgroup-v2").setCgroupParent(cgroupParent.toString());
    }
    return launch.setContainment("proc").setScanPeriodMillis(1000);
  }

  private StarterEvent run(StarterLaunch launch) throws IOException {
    Path passwd = dir.resolve("passwd");
    Files.writeString(passwd, "");
    StarterMain starter = new StarterMain(new ByteArrayInputStream(
        Launches.delimited(StarterInput.newBuilder().setLaunch(launch).build())), out,
        new PrintStream(System.err, true), Clock.systemUTC(),
        new CommandBuilder(new UserAccounts(passwd), "/usr/bin/setsid", dir.toString()), "/bin/kill", "/usr/bin/prlimit");
    assertEquals(0, starter.run());
    List<StarterEvent> events = out.events();
    return events.get(events.size() - 1);
  }

  private static Limit seconds(long hard, long soft) {
    return Limit.newBuilder().setHard(LimitValue.newBuilder().setAmount(hard))
        .setSoft(LimitValue.newBuilder().setAmount(soft)).build();
  }

  private static Limit bytes(long hard) {
    return Limit.newBuilder().setHard(LimitValue.newBuilder().setAmount(hard)).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cgroup-v2", "proc"})
  void run_stepDaemonizesGrandchildAndExits_nothingSurvives(String mechanism) throws Exception {
    // double fork, setsid and nohup: the sleep ends up re-parented, in a session of its own
    String script = "( setsid sh -c 'nohup sleep " + marker + " >/dev/null 2>&1 &' & ); sleep 0.3; exit 0";

    StarterEvent last = run(contained(mechanism, launch(script)).build());

    assertEquals(StepState.STEP_STATE_COMPLETED, last.getState());
    assertEquals(0, last.getResult().getExitCode());
    assertEquals(0, markedProcesses().count());
  }

  @ParameterizedTest
  @ValueSource(strings = {"cgroup-v2", "proc"})
  void run_overWallClockLimit_softSignalThenKillAndResultSaysWhich(String mechanism) throws Exception {
    Path soft = dir.resolve("soft");
    String script = "trap 'echo xcpu > " + soft + "' XCPU; while :; do sleep 0.05; done";
    StarterLaunch launch = contained(mechanism, launch(script))
        .setLimits(StepLimits.newBuilder().setWallClockLimit(seconds(2, 1))).build();

    StarterEvent last = run(launch);

    StepResult r = last.getResult();
    assertEquals(StepState.STEP_STATE_COMPLETED, last.getState());
    assertEquals("wall_clock_limit", r.getLimitExceeded());
    assertEquals(9, r.getSignal());
    assertTrue(r.getMessage().startsWith("wall_clock_limit of 00:00:02 exceeded"), r.getMessage());
    assertEquals("xcpu\n", Files.readString(soft));
  }

  @Test
  void run_softWallClockLimitNotTrapped_stepDiesOfSigxcpuAndResultSaysWhich() throws Exception {
    StarterLaunch launch = contained("proc", launch("while :; do sleep 0.05; done"))
        .setLimits(StepLimits.newBuilder().setWallClockLimit(seconds(5, 1))).build();

    StepResult r = run(launch).getResult();

    assertEquals(24, r.getSignal());
    assertEquals("wall_clock_limit", r.getLimitExceeded());
    assertTrue(r.getMessage().startsWith("soft wall_clock_limit reached (SIGXCPU)"), r.getMessage());
  }

  @Test
  void run_overRssLimit_killedWithThatReason() throws Exception {
    StarterLaunch launch = contained("proc", launch(allocate(200) + "sleep 10"))
        .setLimits(StepLimits.newBuilder().setRssLimit(bytes(50L << 20))).build();

    StepResult r = run(launch).getResult();

    assertEquals("rss_limit", r.getLimitExceeded());
    assertTrue(r.getMessage().startsWith("rss_limit of 50.000 mb exceeded"), r.getMessage());
    assertEquals(9, r.getSignal());
  }

  @Test
  void run_overEnforcedConsumableMemory_killedWithThatReason() throws Exception {
    StarterLaunch launch = contained("proc", launch(allocate(200) + "sleep 10"))
        .setMemoryLimitBytes(64L << 20).build();

    StepResult r = run(launch).getResult();

    assertEquals("ConsumableMemory", r.getLimitExceeded());
    assertTrue(r.getMessage().startsWith("ConsumableMemory of 64.000 mb exceeded"), r.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"cgroup-v2", "proc"})
  void run_twoChildrenBurningOneSecondEach_reportsCpuAndPeakMemoryWithinTenPercent(String mechanism)
      throws Exception {
    String burn = "while (1) { for (1..20000) {} my @t = times; last if $t[0]+$t[1] >= 1.0 }";
    String script = "perl -e 'my $x = \"\"; $x .= \"a\" x (1<<20) for 1..200; " + burn + "' & "
        + "perl -e '" + burn + "' & wait";

    StepResult r = run(contained(mechanism, launch(script)).build()).getResult();

    double cpu = (r.getUserCpuMicros() + r.getSystemCpuMicros()) / 1e6;
    assertTrue(cpu >= 1.8 && cpu <= 2.2, "CPU " + cpu + " s");
    double rssMb = r.getMaxRssKb() / 1024.0;
    assertTrue(rssMb >= 190 && rssMb <= 220, "peak RSS " + rssMb + " MB");
    assertEquals("node7", r.getMachine());
  }

  @Test
  void run_failingProlog_stepDoesNotRunAndSaysWhy() throws Exception {
    Path prolog = script("prolog", "exit 3");
    Path ran = dir.resolve("ran");
    StarterLaunch launch = launch("touch " + ran).setJobProlog(prolog.toString()).build();

    StarterEvent last = run(launch);

    assertEquals(StepState.STEP_STATE_COMPLETED, last.getState());
    assertFalse(last.getResult().getLaunched());
    assertEquals("JOB_PROLOG " + prolog + " exited with 3: the step did not run", last.getResult().getMessage());
    assertFalse(Files.exists(ran));
  }

  @Test
  void run_userPrologExportsVariable_commandSeesItAndEpilogsRun() throws Exception {
    Path prolog = script("uprolog", "echo env FROM_PROLOG=42");
    Path epilog = script("epilog", "echo \"$LOADL_STEP_ID\" > " + dir.resolve("epilog.out"));
    StarterLaunch launch = launch("echo $FROM_PROLOG $LOADL_STEP_TYPE; cat $LOADL_HOSTFILE")
        .setUserProlog(prolog.toString()).setJobEpilog(epilog.toString()).build();

    run(launch);

    assertEquals("42 SERIAL\nnode7\n", Files.readString(dir.resolve("out")));
    assertEquals("host.1.0\n", Files.readString(dir.resolve("epilog.out")));
  }

  @Test
  void run_cpuLimit_appliedAsRlimitOfTheCommand() throws Exception {
    StarterLaunch launch = launch("ulimit -H -t; ulimit -S -t")
        .setLimits(StepLimits.newBuilder().setCpuLimit(seconds(30, 20))).build();

    run(launch);

    assertEquals("30\n20\n", Files.readString(dir.resolve("out")));
  }

  @Test
  void run_noMailer_notificationAppendedToOwnersFile() throws Exception {
    StarterLaunch launch = launch("exit 5").setNotifyDir(dir.resolve("notify").toString()).build();

    StepResult r = run(launch).getResult();

    Path file = dir.resolve("notify").resolve("alice.log");
    assertEquals(file.toString(), r.getNotificationFile());
    String text = Files.readString(file);
    assertTrue(text.contains("Your LoadLeveler job step host.1.0 exited with status 5 on node7."), text);
    assertTrue(text.contains("User CPU: 00:00:00"), text);
  }

  private static String allocate(int mb) {
    return "perl -e 'my $x = \"\"; $x .= \"a\" x (1<<20) for 1.." + mb + "; sleep 10'; ";
  }

  private Path script(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    file.toFile().setExecutable(true);
    return file;
  }

  private Stream<ProcessHandle> markedProcesses() {
    return ProcessHandle.allProcesses().filter(p -> {
      try {
        return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).contains(marker);
      } catch (IOException | RuntimeException e) {
        return false;
      }
    });
  }
}
