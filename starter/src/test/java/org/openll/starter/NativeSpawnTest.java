package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands started for real through libopenll-spawn.so, as the starter starts a step's. */
class NativeSpawnTest {
  private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "OPENLL_TEST", "spawned");

  @TempDir Path dir;

  @BeforeAll
  static void built() {
    assertTrue(NativeSpawn.available(), "no target/native/" + NativeSpawn.LIBRARY
        + ": the build needs a C compiler (cc) and the JDK's jni.h for it");
  }

  private RunningCommand lead(List<String> command, Path error) throws IOException {
    Path input = Files.writeString(dir.resolve("in"), "from stdin\n");
    return NativeSpawn.lead(command, ENV, dir, input, dir.resolve("out"), error, null, List.of());
  }

  private String out() throws IOException {
    return Files.readString(dir.resolve("out"));
  }

  @Test
  void cpuMicros_reapedChildsBusyLoop_countedAsProcSelfStatCountsIt() throws IOException {
    ChildCpuTimes before = ChildCpuTimes.ofSelf();
    ChildCpuTimes procBefore = ChildCpuTimes.read(Path.of("/proc/self/stat"));
    assertEquals(0, lead(List.of("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"), null).waitFor());

    ChildCpuTimes reaped = ChildCpuTimes.ofSelf().minus(before);
    ChildCpuTimes procReaped = ChildCpuTimes.read(Path.of("/proc/self/stat")).minus(procBefore);
    long micros = reaped.userMicros() + reaped.systemMicros();
    long procMicros = procReaped.userMicros() + procReaped.systemMicros();
    assertTrue(micros > 50_000, "the loop's CPU: " + micros + " µs");
    // /proc counts whole clock ticks of 10 ms, getrusage(2) microseconds
    assertTrue(Math.abs(micros - procMicros) <= 2 * ChildCpuTimes.MICROS_PER_TICK, micros + " µs against " + procMicros);
    assertTrue(ChildCpuTimes.ownMicros() >= NativeSpawn.cpuMicros(false)[0], "own CPU counts user and system time");
  }

  @Test
  void exitCodeAndSignal_asTheJdksProcess() throws IOException {
    assertEquals(3, lead(List.of("sh", "-c", "exit 3"), null).waitFor());
    assertEquals(128 + 9, lead(List.of("sh", "-c", "kill -9 $$"), null).waitFor());
  }

  @Test
  void stdinStdoutStderr_areTheFiles_stderrMergedWhenNoFileIsGiven() throws IOException {
    Files.writeString(dir.resolve("out"), "an old, longer content that is truncated\n");
    RunningCommand separate = lead(List.of("sh", "-c", "echo out; echo err >&2; cat"), dir.resolve("err"));

    assertEquals(0, separate.waitFor());
    assertEquals("out\nfrom stdin\n", out());
    assertEquals("err\n", Files.readString(dir.resolve("err")));

    assertEquals(0, lead(List.of("sh", "-c", "echo out; echo err >&2"), null).waitFor());
    assertEquals("out\nerr\n", out());
  }

  @Test
  void folderAndEnvironment_exactlyTheGivenOnes() throws IOException {
    assertEquals(0, lead(List.of("env"), null).waitFor());
    assertEquals(List.of("OPENLL_TEST=spawned", "PATH=/usr/bin:/bin"), out().lines().sorted().toList());

    RunningCommand pwd = lead(List.of("pwd"), null);
    assertTrue(pwd.pid() > 0);
    assertEquals(0, pwd.waitFor());
    assertEquals(dir.toRealPath() + "\n", out());
  }

  @Test
  void argumentsAndEnvironment_reachTheCommandAsThroughProcessBuilder() throws IOException, InterruptedException {
    String text = "caf\u00e9 \u65e5\u672c \uD83D\uDE00"; // two, three and four bytes in UTF-8
    List<String> command = List.of("sh", "-c", "printf '%s|%s' \"$1\" \"$OPENLL_TEXT\"", "sh", text);
    Map<String, String> environment = Map.of("PATH", "/usr/bin:/bin", "OPENLL_TEXT", text);
    ProcessBuilder jdk = new ProcessBuilder(command).redirectOutput(dir.resolve("jdk").toFile());
    jdk.environment().clear();
    jdk.environment().putAll(environment);
    assertEquals(0, jdk.start().waitFor());

    assertEquals(0, NativeSpawn.lead(command, environment, dir, Path.of("/dev/null"), dir.resolve("out"), null, null,
        List.of()).waitFor());

    assertArrayEquals(Files.readAllBytes(dir.resolve("jdk")), Files.readAllBytes(dir.resolve("out")));
    IOException nul = assertThrows(IOException.class, () -> lead(List.of("echo", "a\u0000b"), null));
    assertEquals("invalid null character in command", nul.getMessage());
  }

  @Test
  void noOpenFileOfTheStarter_reachesTheCommand() throws IOException {
    try (var held = Files.newInputStream(Files.writeString(dir.resolve("held"), "x"))) {
      assertEquals(0, lead(List.of("ls", "/proc/self/fd"), null).waitFor());
    }
    assertEquals(List.of("0", "1", "2", "3"), out().lines().toList(), "3 is ls's own listing of the folder");
  }

  @Test
  void lead_commandLeadsItsSessionAndProcessGroup_andIsTheProcessReturned() throws IOException {
    // fields 5 and 6 of /proc/PID/stat: process group and session
    RunningCommand leader = lead(List.of("sh", "-c", "set -- $(cut -d' ' -f5,6 /proc/$$/stat); echo $$ $1 $2"),
        null);

    assertEquals(0, leader.waitFor());
    String pid = Long.toString(leader.pid());
    assertEquals(List.of(pid, pid, pid), List.of(out().trim().split(" ")));
  }

  @Test
  void lead_searchesTheProgramOnTheCommandsPath_andRunsAScriptWithoutInterpreterLineWithSh() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path script = Files.writeString(bin.resolve("greet"), "echo hello from $0\n");
    assertTrue(script.toFile().setExecutable(true));
    Map<String, String> environment = Map.of("PATH", "/no/such:" + bin + ":/usr/bin:/bin");

    assertEquals(0, NativeSpawn.lead(List.of("greet"), environment, dir, Path.of("/dev/null"), dir.resolve("out"),
        null, null, List.of()).waitFor());

    assertEquals("hello from " + script + "\n", out());
  }

  @Test
  void lead_programNotFound_exits127SayingSoOnItsStderr_aFileItCannotOpen_throwsNamingIt() throws IOException {
    assertEquals(127, lead(List.of("no-such-program"), dir.resolve("err")).waitFor());
    assertEquals("openll-spawn: cannot execute no-such-program: No such file or directory\n",
        Files.readString(dir.resolve("err")));

    Path missing = dir.resolve("no/such/folder/out");
    IOException output = assertThrows(IOException.class, () -> NativeSpawn.lead(List.of("true"), ENV, dir,
        Path.of("/dev/null"), missing, null, null, List.of()));
    assertEquals(missing + ": No such file or directory", output.getMessage());
  }

  @Test
  void lead_intoACgroup_theCommandIsInsideBeforeItRuns_aCgroupItCannotJoin_throwsNamingIt() throws IOException {
    Path cgroup = Path.of("/sys/fs/cgroup/unified", "openll-spawn-test-" + ProcessHandle.current().pid());
    try {
      Files.createDirectory(cgroup);
    } catch (IOException | UnsupportedOperationException e) {
      assumeTrue(false, "no writable cgroup2 here: " + e);
    }
    try {
      RunningCommand inside = NativeSpawn.lead(List.of("cat", "/proc/self/cgroup"), ENV, dir, Path.of("/dev/null"),
          dir.resolve("out"), null, cgroup.resolve("cgroup.procs"), List.of());
      assertEquals(0, inside.waitFor());
      assertTrue(out().lines().anyMatch(l -> l.startsWith("0::") && l.endsWith("/" + cgroup.getFileName())), out());

      Path gone = dir.resolve("gone/cgroup.procs");
      IOException refused = assertThrows(IOException.class, () -> NativeSpawn.lead(List.of("true"), ENV, dir,
          Path.of("/dev/null"), dir.resolve("out"), null, gone, List.of()));
      assertEquals(gone + ": No such file or directory", refused.getMessage());
    } finally {
      Files.deleteIfExists(cgroup);
    }
  }

  @Test
  void lead_withRlimits_theCommandStartsUnderThem_aLimitItCannotTake_throwsNamingItsKeyword() throws IOException {
    List<Rlimits.Rlimit> limits = List.of(new Rlimits.Rlimit(Rlimits.Resource.CPU, 20, 30),
        new Rlimits.Rlimit(Rlimits.Resource.CORE, 0, Rlimits.KEEP),
        new Rlimits.Rlimit(Rlimits.Resource.FSIZE, Rlimits.UNLIMITED, Rlimits.UNLIMITED));
    String script = "ulimit -S -t; ulimit -H -t; ulimit -S -c; ulimit -H -c; ulimit -S -f";

    assertEquals(0, NativeSpawn.lead(List.of("sh", "-c", script), ENV, dir, Path.of("/dev/null"), dir.resolve("out"),
        null, null, limits).waitFor());

    String hardCore = new String(new ProcessBuilder("sh", "-c", "ulimit -H -c").start().getInputStream().readAllBytes());
    assertEquals("20\n30\n0\n" + hardCore + "unlimited\n", out());
    IOException refused = assertThrows(IOException.class, () -> NativeSpawn.lead(List.of("true"), ENV, dir,
        Path.of("/dev/null"), dir.resolve("out"), null, null, List.of(new Rlimits.Rlimit(Rlimits.Resource.STACK, 10, 5))));
    assertEquals("stack_limit: Invalid argument", refused.getMessage());
  }

  @Test
  void maxRssKb_afterTheEnd_isThePeakTheKernelCounted() throws IOException {
    RunningCommand perl = lead(List.of("perl", "-e", "my $x = 'a' x (40 << 20); print length $x"), null);

    assertEquals(0, perl.waitFor());
    assertEquals("41943040", out());
    assertTrue(perl.maxRssKb() >= 40 * 1024 && perl.maxRssKb() < 200 * 1024, perl.maxRssKb() + " KiB");
  }
}
