package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both session leaders, run for real: the command leads a session and process group of its own,
 * keeps the pid the JVM started, and wrote that pid to the join file before it ran.
 */
class SessionLeaderTest {
  @TempDir Path dir;

  static Stream<SessionLeader> leaders() {
    return Stream.of(SessionLeader.setsid("/usr/bin/setsid"), built());
  }

  /** The {@code openll-exec} this build made (the starter module's compile runs src/main/native/build.sh). */
  private static SessionLeader built() {
    return SessionLeader.helper(SessionLeader.installedHelper().orElseThrow(() -> new AssertionError(
        "no target/native/openll-exec: the build needs a C compiler (cc) for it")));
  }

  @Test
  void installedHelper_isTheBuiltOneBesideTheClasses() {
    Path helper = SessionLeader.installedHelper().orElseThrow();

    assertEquals(Path.of("native", SessionLeader.HELPER), helper.getParent().getParent().relativize(helper));
    assertTrue(SessionLeader.forThisStarter("/usr/bin/setsid").joinsCgroup());
  }

  @ParameterizedTest
  @MethodSource("leaders")
  void leader_commandLeadsItsSessionKeepsItsPidAndJoinedFirst(SessionLeader leader) throws Exception {
    Path procs = Files.createFile(dir.resolve("cgroup.procs"));
    List<String> line = new ArrayList<>(List.of(leader.program()));
    line.addAll(leader.joining(procs));
    // fields 5 and 6 of /proc/PID/stat: process group and session
    line.addAll(List.of("/bin/sh", "-c", "set -- $(cut -d' ' -f5,6 /proc/$$/stat); echo $$ $1 $2; cat \"$0\"",
        procs.toString()));

    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    String[] out = new String(process.getInputStream().readAllBytes()).trim().split("\\s+");

    assertEquals(0, process.waitFor());
    String pid = Long.toString(process.pid());
    assertEquals(List.of(pid, pid, pid, pid), List.of(out), "pid, process group, session, then the join file");
  }

  @ParameterizedTest
  @MethodSource("leaders")
  void leader_missingProgram_exits127(SessionLeader leader) throws Exception {
    Process process = new ProcessBuilder(leader.program(), dir.resolve("nothing").toString())
        .redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());

    assertEquals(127, process.waitFor());
    assertTrue(out.contains(dir.resolve("nothing").toString()), out);
  }

  @Test
  void helper_joinFileNotWritable_exits126NamingItWithoutRunningTheCommand() throws Exception {
    Path missing = dir.resolve("gone").resolve("cgroup.procs");
    Path ran = dir.resolve("ran");
    List<String> line = new ArrayList<>(List.of(built().program()));
    line.addAll(built().joining(missing));
    line.addAll(List.of("/usr/bin/touch", ran.toString()));

    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes()).trim();

    assertEquals(126, process.waitFor());
    assertEquals("openll-exec: cannot join the cgroup of " + missing + ": No such file or directory", out);
    assertTrue(Files.notExists(ran));
  }

  @Test
  void joining_helperTakesTheFileAsAnOptionAndSetsidAShell() {
    Path procs = Path.of("/sys/fs/cgroup/openll/1.2/cgroup.procs");

    assertEquals(List.of("--cgroup", procs.toString()), SessionLeader.helper(Path.of("/x/openll-exec")).joining(procs));
    assertEquals(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", procs.toString()),
        SessionLeader.setsid("/usr/bin/setsid").joining(procs));
  }
}
