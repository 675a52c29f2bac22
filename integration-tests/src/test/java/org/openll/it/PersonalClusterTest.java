package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Personal clusters as llctl manages them: side by side, and what commands say when none runs. */
class PersonalClusterTest {
  @TempDir Path root;

  @Test
  void twoHomes_runSideBySide_eachRunsItsOwnJobs() throws Exception {
    try (TestCluster first = TestCluster.start(root.resolve("a"), 1, 1);
        TestCluster second = TestCluster.start(root.resolve("b"), 1, 1)) {
      String firstSchedd = Files.readString(first.home().resolve("run/schedd.addr")).strip();
      String secondSchedd = Files.readString(second.home().resolve("run/schedd.addr")).strip();
      assertNotEquals(firstSchedd, secondSchedd);

      String job = """
          # @ executable = /bin/echo
          # @ arguments = hello
          # @ output = hello.out
          # @ queue
          """;
      String a = first.submit(first.writeJobFile("a.cmd", job));
      String b = second.submit(second.writeJobFile("b.cmd", job));

      Steps.awaitFinished(first, a, 1, Duration.ofSeconds(60));
      Steps.awaitFinished(second, b, 1, Duration.ofSeconds(60));
      assertEquals("hello\n", Files.readString(first.workDir().resolve("hello.out")));
      assertEquals("hello\n", Files.readString(second.workDir().resolve("hello.out")));
      assertEquals(1, Steps.query(first, a).size());
    }
  }

  @Test
  void noClusterRunning_llqSaysWhereItLooked() throws Exception {
    Path home = Files.createDirectories(root.resolve("empty-home"));
    TestCluster nothing = TestCluster.attach(home, root);

    CommandResult result = nothing.run("llq");

    assertEquals(1, result.exitCode());
    assertTrue(result.err().startsWith("llq: cannot reach the schedd"), result.err());
    assertTrue(result.err().contains(home.toString()), result.err());
    assertEquals(1, result.err().strip().lines().count(), result.err());
  }
}
