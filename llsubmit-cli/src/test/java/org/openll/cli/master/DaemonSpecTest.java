package org.openll.cli.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonSpecTest {
  @Test
  void startdsRunC1Only_theOthersC2WithLessInlining() {
    assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.1"),
        new DaemonSpec("startd-h-1", DaemonSpec.STARTD_MAIN, List.of()).jvmFlags());
    assertEquals(DaemonSpec.C2_JIT, new DaemonSpec("schedd", DaemonSpec.SCHEDD_MAIN, List.of()).jvmFlags());
    assertEquals(DaemonSpec.C2_JIT, new DaemonSpec("negotiator", DaemonSpec.NEGOTIATOR_MAIN, List.of()).jvmFlags());
  }

  @Test
  void thisJvmAcceptsEveryDaemonFlag() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JavaCommand.DAEMON_FLAGS);
    command.addAll(DaemonSpec.C2_JIT);
    command.addAll(DaemonSpec.STARTD_JIT);
    command.addAll(JavaCommand.MASTER_FLAGS);
    command.add("-version");
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(java.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, java.exitValue(), output);
  }
}
