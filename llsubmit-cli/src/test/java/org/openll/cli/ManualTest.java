package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every registered command answers --help and -H with its man-style page, exit 0, on stdout. */
class ManualTest {
  @TempDir Path home;

  static List<String> commands() {
    return List.copyOf(LlMain.commands());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void help_everyCommand_pageWithEverySectionInOrderOnStdout(String command) throws Exception {
    try (FakeCluster cluster = new FakeCluster(home)) {
      assertEquals(0, cluster.run(command, "--help"), cluster.err());

      String page = cluster.out();
      assertTrue(page.startsWith("NAME\n    " + command + " - "), page);
      int last = -1;
      for (String section : Manual.SECTIONS) {
        int at = ("\n" + page).indexOf("\n" + section + "\n");
        assertTrue(at > last, command + ": section " + section + " missing or out of order:\n" + page);
        last = at;
      }
      assertTrue(page.contains("--help, -H"), page);
      assertEquals("", cluster.err());
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void dashH_everyCommand_samePageAndNoDaemonCalled(String command) throws Exception {
    try (FakeCluster cluster = new FakeCluster(home)) {
      assertEquals(0, cluster.run(command, "-H", "12"), cluster.err());

      assertEquals(Manual.page(command).orElseThrow(), cluster.out());
      assertTrue(cluster.schedd.queries.isEmpty() && cluster.negotiator.machineQueries.isEmpty());
    }
  }

  @Test
  void help_amongOtherFlags_winsOverBadFlags() throws Exception {
    try (FakeCluster cluster = new FakeCluster(home)) {
      assertEquals(0, cluster.run("llq", "--no-such-flag", "--help"));

      assertTrue(cluster.out().startsWith("NAME\n    llq - "), cluster.out());
    }
  }

  @Test
  void pages_everyLine_fitsHundredColumns() {
    for (String command : LlMain.commands()) {
      Manual.page(command).orElseThrow().lines().forEach(line ->
          assertTrue(line.length() <= 100, command + ": line too long: " + line));
    }
  }
}
