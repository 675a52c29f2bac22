package org.openll.cli.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonProcessTest {
  @TempDir Path logDir;

  @Test
  void start_daemonPrintsAndExits_outputInOutFileNotInItsLog() throws Exception {
    Path log = logDir.resolve("schedd.log");
    DaemonProcess daemon = new DaemonProcess(new DaemonSpec("schedd", "unused", List.of()),
        List.of("/bin/sh", "-c", "echo starting; echo 'schedd: METRICS_PORT = x: expected a port number' >&2; exit 2"),
        log, new RestartBudget(Clock.systemUTC(), 1));

    Process process = daemon.start();
    assertTrue(process.waitFor(10, TimeUnit.SECONDS));

    assertEquals(logDir.resolve("schedd.out"), daemon.outFile());
    assertEquals(Optional.of("schedd: METRICS_PORT = x: expected a port number"), daemon.lastOutputLine());
    assertFalse(Files.exists(log), "the daemon writes its log itself");
  }

  @Test
  void lastOutputLine_reportEndingInNoise_lineNamingTheException() throws Exception {
    DaemonProcess daemon = new DaemonProcess(new DaemonSpec("schedd", "unused", List.of()), List.of("/bin/true"),
        logDir.resolve("schedd.log"), new RestartBudget(Clock.systemUTC(), 1));
    Files.writeString(daemon.outFile(), """
        schedd: Unable to create injector, see the following errors:

        1) [Guice/ErrorInCustomProvider]: ConfigException: SCHEDD_METRICS_PORT = http: expected a port number
          at MetricsModule.server(MetricsModule.java:40)

        1 error
        """);

    assertEquals(Optional.of("1) [Guice/ErrorInCustomProvider]: ConfigException: SCHEDD_METRICS_PORT = http:"
        + " expected a port number"), daemon.lastOutputLine());
  }

  @Test
  void lastOutputLine_noOutputYet_empty() {
    DaemonProcess daemon = new DaemonProcess(new DaemonSpec("negotiator", "unused", List.of()), List.of("/bin/true"),
        logDir.resolve("negotiator.log"), new RestartBudget(Clock.systemUTC(), 1));

    assertEquals(Optional.empty(), daemon.lastOutputLine());
  }
}
