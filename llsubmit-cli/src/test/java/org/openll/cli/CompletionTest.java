package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** bin/completion/openll.bash, sourced by a real bash. */
class CompletionTest {
  private static final Path SCRIPT = Path.of("..", "bin", "completion", "openll.bash").toAbsolutePath().normalize();

  /** Runs {@code script} in bash after sourcing the completion, with ids switched off; its stdout. */
  private static String bash(String script) throws IOException, InterruptedException {
    Process bash = new ProcessBuilder("bash", "-c", "set -e; source '" + SCRIPT + "'; " + script)
        .redirectErrorStream(true).start();
    bash.getOutputStream().close();
    assertTrue(bash.waitFor(20, TimeUnit.SECONDS), "bash did not finish");
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, bash.exitValue(), out);
    return out;
  }

  /** The completions bash offers for the words of {@code line}, the last being completed. */
  private static String complete(String... words) throws IOException, InterruptedException {
    StringBuilder array = new StringBuilder();
    for (String word : words) {
      array.append(" '").append(word).append("'");
    }
    return bash("export OPENLL_COMPLETE_IDS=0; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
        + "; _openll_complete; printf '%s\\n' \"${COMPREPLY[@]}\"");
  }

  @Test
  void source_registersEveryCommand() throws Exception {
    assertTrue(Files.isRegularFile(SCRIPT), SCRIPT.toString());
    String out = bash("complete -p llq; for c in " + String.join(" ", LlMain.commands())
        + "; do complete -p $c >/dev/null || echo missing $c; done");

    assertEquals("complete -F _openll_complete llq\n", out);
  }

  @Test
  void flag_llqDashDashJ_completesJson() throws Exception {
    assertEquals("--json\n", complete("llq", "--j"));
  }

  @Test
  void flag_llsummaryDash_offersItsSelectionFlags() throws Exception {
    String out = complete("llsummary", "-");

    for (String flag : new String[] {"-u", "-c", "-g", "-a", "-s", "-e", "-d", "-r", "--json", "--help"}) {
      assertTrue(out.lines().anyMatch(flag::equals), flag + " missing from " + out);
    }
  }

  @Test
  void value_llsummarySection_completesSectionNames() throws Exception {
    assertEquals("week\n", complete("llsummary", "-d", "w"));
  }

  @Test
  void ids_llcancel_completesTheQueuesStepIdsFromLlq(@org.junit.jupiter.api.io.TempDir Path bin) throws Exception {
    Path llq = bin.resolve("llq");
    Files.writeString(llq, String.join("\n", "#!/bin/sh",
        "echo 'Id                       Owner      Submitted   ST PRI Class        Running On'",
        "echo '------------------------ ---------- ----------- -- --- ------------ -----------'",
        "echo 'node1.12.0               alice       7/24 10:19 R  50  No_Class     node1'",
        "echo 'node1.13.0               alice       7/24 10:20 I  50  No_Class'",
        "echo 'node2.1.0                bob         7/24 10:21 I  50  No_Class'",
        "echo", "echo '3 job step(s) in queue, 2 waiting, 0 pending, 1 running, 0 held, 0 preempted'", ""));
    assertTrue(llq.toFile().setExecutable(true));

    String out = bash("_OPENLL_BIN='" + bin + "'; COMP_WORDS=(llcancel node1); COMP_CWORD=1; _openll_complete;"
        + " printf '%s\\n' \"${COMPREPLY[@]}\"");

    assertEquals("node1.12.0\nnode1.13.0\n", out);
  }

  @Test
  void word_llctl_completesSubcommands() throws Exception {
    assertEquals("start\nstop\nstatus\nstartd\n", complete("llctl", "st"));
    assertEquals("drain\n", complete("llctl", "dr"));
  }
}
