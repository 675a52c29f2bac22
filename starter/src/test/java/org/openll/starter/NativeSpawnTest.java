package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  private RunningCommand start(List<String> command, Path error) throws IOException {
    Path input = Files.writeString(dir.resolve("in"), "from stdin\n");
    return NativeSpawn.start(command, ENV, dir, input, dir.resolve("out"), error);
  }

  private String out() throws IOException {
    return Files.readString(dir.resolve("out"));
  }

  @Test
  void exitCodeAndSignal_asTheJdksProcess() throws IOException {
    assertEquals(3, start(List.of("sh", "-c", "exit 3"), null).waitFor());
    assertEquals(128 + 9, start(List.of("sh", "-c", "kill -9 $$"), null).waitFor());
  }

  @Test
  void stdinStdoutStderr_areTheFiles_stderrMergedWhenNoFileIsGiven() throws IOException {
    Files.writeString(dir.resolve("out"), "an old, longer content that is truncated\n");
    RunningCommand separate = start(List.of("sh", "-c", "echo out; echo err >&2; cat"), dir.resolve("err"));

    assertEquals(0, separate.waitFor());
    assertEquals("out\nfrom stdin\n", out());
    assertEquals("err\n", Files.readString(dir.resolve("err")));

    assertEquals(0, start(List.of("sh", "-c", "echo out; echo err >&2"), null).waitFor());
    assertEquals("out\nerr\n", out());
  }

  @Test
  void folderAndEnvironment_exactlyTheGivenOnes() throws IOException {
    assertEquals(0, start(List.of("env"), null).waitFor());
    assertEquals(List.of("OPENLL_TEST=spawned", "PATH=/usr/bin:/bin"), out().lines().sorted().toList());

    RunningCommand pwd = start(List.of("pwd"), null);
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

    assertEquals(0, NativeSpawn.start(command, environment, dir, Path.of("/dev/null"), dir.resolve("out"), null)
        .waitFor());

    assertArrayEquals(Files.readAllBytes(dir.resolve("jdk")), Files.readAllBytes(dir.resolve("out")));
    IOException nul = assertThrows(IOException.class, () -> start(List.of("echo", "a\u0000b"), null));
    assertEquals("invalid null character in command", nul.getMessage());
  }

  @Test
  void noOpenFileOfTheStarter_reachesTheCommand() throws IOException {
    try (var held = Files.newInputStream(Files.writeString(dir.resolve("held"), "x"))) {
      assertEquals(0, start(List.of("ls", "/proc/self/fd"), null).waitFor());
    }
    assertEquals(List.of("0", "1", "2", "3"), out().lines().toList(), "3 is ls's own listing of the folder");
  }

  @Test
  void programOrFileThatCannotBeOpened_throwsNamingIt() {
    IOException missing = assertThrows(IOException.class, () -> start(List.of("/no/such/program"), null));
    assertEquals("/no/such/program: No such file or directory", missing.getMessage());

    IOException output = assertThrows(IOException.class, () -> NativeSpawn.start(List.of("true"), ENV, dir,
        Path.of("/dev/null"), dir.resolve("no/such/folder/out"), null));
    assertEquals("true: No such file or directory", output.getMessage());
  }
}
