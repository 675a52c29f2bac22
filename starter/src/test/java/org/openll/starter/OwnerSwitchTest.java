package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.StarterCancel;
import org.openll.api.v1.StarterEvent;
import org.openll.api.v1.StarterInput;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepState;

/**
 * Steps run as their owner by a starter running as root. The plans are checked anywhere; the runs
 * need root and switch to {@code nobody} (uid 65534, on every Debian), which owns nothing here.
 */
class OwnerSwitchTest {
  private static final int NOBODY = 65534;

  @TempDir Path dir;
  private Path work;
  private Path passwd;
  private final Launches.RecordingOutput out = new Launches.RecordingOutput();
  private final String marker = "62" + (100000 + new Random().nextInt(800000));

  @BeforeEach
  void setUp() throws IOException {
    passwd = dir.resolve("passwd");
    Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nalice:x:" + NOBODY + ":" + NOBODY
        + ":Alice:/home/alice:/bin/sh\n");
    // the owner reaches its folder; the rest of dir stays the starter's
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    work = Files.createDirectory(dir.resolve("work"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
  }

  @AfterEach
  void killLeftovers() {
    markedProcesses().forEach(ProcessHandle::destroyForcibly);
  }

  private CommandBuilder builder(int ownUid) {
    return new CommandBuilder(new UserAccounts(passwd), "/usr/bin/setsid", "/fallback", "/usr/bin/setpriv", ownUid);
  }

  @Test
  void build_ownerOtherThanStarter_runsProgramAsOwnerThroughSetpriv() throws Exception {
    LaunchPlan plan = builder(0).build(Launches.launch(work, Launches.spec(work, "/bin/echo", "a").build()), dir);

    List<String> full = plan.fullCommand();
    assertEquals(List.of("/usr/bin/setsid", "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--init-groups",
        "--", "/bin/sh", "-c", OwnerSwitch.OPEN_AND_EXEC, "sh", work.toString(), "/dev/null",
        work.resolve("out").toString(), work.resolve("err").toString(), "/bin/echo", "a"), full);
    assertEquals("/home/alice", plan.environment().get("HOME"));
    assertEquals("alice", plan.environment().get("USER"));
    assertEquals("alice", plan.environment().get("LOGNAME"));
  }

  @Test
  void build_ownerUnknown_failsNamingUserAndMachine() {
    StarterLaunch launch = Launches.launch(work, Launches.spec(work, "/bin/true").build());
    StarterLaunch stranger = launch.toBuilder().setStep(launch.getStep().toBuilder().setOwner("zed")).build();

    LaunchFailure e = assertThrows(LaunchFailure.class, () -> builder(0).build(stranger, dir));

    assertEquals("user zed unknown on node7", e.getMessage());
  }

  @Test
  void build_ownerIsStartersUser_runsWithoutSwitch() throws Exception {
    LaunchPlan plan = builder(NOBODY).build(Launches.launch(work, Launches.spec(work, "/bin/true").build()), dir);

    assertNull(plan.owner());
    assertEquals(List.of("/usr/bin/setsid", "/bin/true"), plan.fullCommand());
  }

  @Test
  void build_withoutSetpriv_unknownOwnerStillRunsAsStarter() throws Exception {
    StarterLaunch launch = Launches.launch(work, Launches.spec(work, "/bin/true").build());
    StarterLaunch stranger = launch.toBuilder().setStep(launch.getStep().toBuilder().setOwner("zed")).build();

    LaunchPlan plan = new CommandBuilder(new UserAccounts(passwd), "/usr/bin/setsid", "/fallback").build(stranger, dir);

    assertNull(plan.owner());
  }

  @Test
  void run_asOwner_commandHasOwnersUidAndGroupsAndOutputIsOwners() throws Exception {
    assumeRoot();

    StarterEvent last = run(Launches.launch(work, Launches.spec(work, "/bin/sh", "-c",
        "id -u; id -g; touch made; echo oops >&2").build()));

    assertTrue(last.getResult().getLaunched(), last.toString());
    assertEquals(0, last.getResult().getExitCode(), last.toString());
    assertEquals(NOBODY + "\n" + NOBODY + "\n", Files.readString(work.resolve("out")));
    assertEquals("oops\n", Files.readString(work.resolve("err")));
    for (String file : List.of("out", "err", "made")) {
      assertEquals(NOBODY, Files.getAttribute(work.resolve(file), "unix:uid"), file);
    }
  }

  @Test
  void run_asOwnerWritingWhereOwnerCannot_failsAndFolderStaysUnchanged() throws Exception {
    assumeRoot();
    Path closed = Files.createDirectory(dir.resolve("closed"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));

    StarterEvent last = run(Launches.launch(work, Launches.spec(work, "/bin/sh", "-c",
        "echo x > " + closed.resolve("stolen")).build()));

    assertNotEquals(0, last.getResult().getExitCode(), last.toString());
    try (Stream<Path> files = Files.list(closed)) {
      assertEquals(0, files.count());
    }
    assertTrue(Files.readString(work.resolve("err")).contains("Permission denied"));
  }

  @Test
  void run_asOwnerOutputWhereOwnerCannotWrite_notLaunchedNamingOutput() throws Exception {
    assumeRoot();
    Path closed = Files.createDirectory(dir.resolve("closed"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
    Path output = closed.resolve("out");

    StarterEvent last = run(Launches.launch(work, Launches.spec(work, "/bin/true").setOutput(output.toString())
        .build()));

    assertFalse(last.getResult().getLaunched());
    assertEquals("cannot open output " + output + ": Permission denied (as user alice)", last.getResult().getMessage());
    assertFalse(Files.exists(output));
  }

  @Test
  void run_asOwnerJobFile_ownerReadsTheJobFileFromTheSpool() throws Exception {
    assumeRoot();
    var spec = Launches.spec(work, "").setExecutableIsJobFile(true).setShell("/bin/sh");

    StarterEvent last = run(Launches.launch(work, spec.build(), ByteString.copyFromUtf8("id -un\n")));

    assertEquals(0, last.getResult().getExitCode(), last.toString() + readQuietly(work.resolve("err")));
    assertEquals("nobody\n", Files.readString(work.resolve("out")));
  }

  @Test
  void run_userPrologAndEpilog_runAsOwnerInInitialdirSystemPrologAsStarter() throws Exception {
    assumeRoot();
    Path hooks = Files.createDirectory(dir.resolve("hooks"));
    Files.setPosixFilePermissions(hooks, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path system = script(hooks.resolve("system"), "id -u > " + dir.resolve("system.uid"));
    Path user = script(hooks.resolve("user"), "echo \"env PROLOG_UID=$(id -u)\"; pwd > prolog.pwd");
    Path epilog = script(hooks.resolve("epilog"), "id -u > epilog.uid");
    StarterLaunch launch = Launches.launch(work, Launches.spec(work, "/bin/sh", "-c", "echo $PROLOG_UID").build())
        .toBuilder().setJobProlog(system.toString()).setUserProlog(user.toString()).setUserEpilog(epilog.toString())
        .build();

    StarterEvent last = run(launch);

    assertEquals(0, last.getResult().getExitCode(), last.toString());
    assertEquals(NOBODY + "\n", Files.readString(work.resolve("out")));
    assertEquals(work + "\n", Files.readString(work.resolve("prolog.pwd")));
    assertEquals(NOBODY + "\n", Files.readString(work.resolve("epilog.uid")));
    assertEquals("0\n", Files.readString(dir.resolve("system.uid")));
  }

  @Test
  void run_finalRecord_readableByStarterOnlyAndStepFolderOnlyTraversable() throws Exception {
    assumeRoot();

    run(Launches.launch(work, Launches.spec(work, "/bin/true").build()));

    Path spool = work.resolve("spool");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        spool.resolve(FinalRecordWriter.FILE_NAME))));
    assertEquals("rwx--x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(spool)));
  }

  @Test
  void run_cancelOfOwnersBackgroundTreeInCgroup_killsEveryProcess() throws Exception {
    assumeRoot();
    Path parent = Path.of("/sys/fs/cgroup/unified", "openll-test-" + ProcessHandle.current().pid() + "-" + marker);
    try {
      Files.createDirectory(parent);
    } catch (IOException | UnsupportedOperationException e) {
      assumeTrue(false, "no writable cgroup2 here");
    }
    try {
      cancelOfOwnersBackgroundTree(launch -> launch.setContainment("cgroup-v2").setCgroupParent(parent.toString()));
    } finally {
      Files.deleteIfExists(parent);
    }
  }

  @Test
  void run_cancelOfOwnersBackgroundTree_killsEveryProcess() throws Exception {
    assumeRoot();
    cancelOfOwnersBackgroundTree(launch -> launch.setContainment("proc").setScanPeriodMillis(1000));
  }

  private void cancelOfOwnersBackgroundTree(java.util.function.UnaryOperator<StarterLaunch.Builder> containment)
      throws Exception {
    String script = "sleep " + marker + ".1 & setsid sleep " + marker + ".2 & trap '' TERM; wait";
    Launches.FeedableInput in = new Launches.FeedableInput();
    in.feed(Launches.delimited(StarterInput.newBuilder()
        .setLaunch(containment.apply(Launches.launch(work, Launches.spec(work, "/bin/sh", "-c", script).build())
            .toBuilder())).build()));
    StarterMain starter = starter(in);
    CompletableFuture<Integer> done = CompletableFuture.supplyAsync(starter::run);

    // the owner's shell (its arguments name the marker) and its two sleeps
    StarterMainTest.await(() -> markedProcesses().count() == 3);
    assertTrue(markedProcesses().allMatch(p -> uidOf(p) == NOBODY));
    in.feed(Launches.delimited(StarterInput.newBuilder().setCancel(StarterCancel.newBuilder().setReason("test")).build()));
    in.close();

    assertEquals(0, done.get(20, TimeUnit.SECONDS));
    assertEquals(0, markedProcesses().count());
    List<StarterEvent> events = out.events();
    assertEquals(StepState.STEP_STATE_REMOVED, events.get(events.size() - 1).getState());
  }

  private StarterMain starter(java.io.InputStream in) {
    return new StarterMain(in, out, new PrintStream(System.err, true), Clock.systemUTC(), builder(0), "/bin/kill",
        "/usr/bin/prlimit");
  }

  private StarterEvent run(StarterLaunch launch) throws IOException {
    int code = starter(new ByteArrayInputStream(
        Launches.delimited(StarterInput.newBuilder().setLaunch(launch).build()))).run();
    assertEquals(0, code);
    List<StarterEvent> events = out.events();
    return events.get(events.size() - 1);
  }

  private static Path script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private static void assumeRoot() {
    assumeTrue(UserAccounts.currentUid() == 0, "switching to the owner needs root");
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static int uidOf(ProcessHandle p) {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc", Long.toString(p.pid())), "unix:uid");
    } catch (IOException e) {
      return -1;
    }
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
