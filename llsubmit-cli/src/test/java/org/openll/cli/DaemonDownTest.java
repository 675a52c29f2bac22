package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openll.common.cluster.ClusterHome;

/**
 * Every command that talks to a daemon says the same one line when that daemon is down: real
 * Netty channels to a loopback port nobody listens on.
 */
class DaemonDownTest {
  @TempDir
  Path home;

  int deadPort;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort(); // closed again: connections are refused
    }
    ClusterHome cluster = new ClusterHome(home);
    cluster.publishAddress("schedd", "127.0.0.1:" + deadPort);
    cluster.publishAddress("negotiator", "127.0.0.1:" + deadPort);
    org.openll.common.security.ClusterTls.selfIssued(cluster, org.openll.common.security.Role.CLIENT, "jdoe");
    Files.writeString(home.resolve("job.cmd"), "# @ executable = /bin/true\n# @ queue\n");
  }

  int run(String command, String... args) {
    CliContext context = new CliContext(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(new byte[0]),
        Map.of(ClusterHome.ENV, home.toString()),
        home,
        "jdoe",
        "/home/jdoe",
        Clock.systemUTC(),
        ChannelFactory.netty(new ClusterHome(home), "jdoe"),
        Duration.ofSeconds(10));
    return LlMain.run(command, args, context);
  }

  @ParameterizedTest
  @CsvSource({
      "llq, schedd, ''",
      "llsubmit, schedd, job.cmd",
      "llcancel, schedd, node1.1",
      "llhold, schedd, node1.1",
      "llsummary, schedd, ''",
      "llstatus, negotiator, ''",
      "llclass, negotiator, ''",
      "llfs, negotiator, ''",
  })
  void command_daemonDown_oneLineNamingAddressFileReasonAndHint(String command, String daemon, String arg) {
    String[] args = arg.isEmpty() ? new String[0] : new String[] {arg.equals("job.cmd") ? home.resolve(arg).toString() : arg};

    int exit = run(command, args);

    assertEquals(1, exit, err.toString(StandardCharsets.UTF_8));
    assertEquals(command + ": cannot reach the " + daemon + " at 127.0.0.1:" + deadPort + " ("
        + home.resolve("run/" + daemon + ".addr") + "): connection refused; is the cluster started (llctl status)?\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource({"llq, schedd", "llstatus, negotiator"})
  void command_noAddressFile_oneLineNamingTheFileAndHint(String command, String daemon) throws IOException {
    Files.delete(new ClusterHome(home).addressFile(daemon));

    int exit = run(command);

    assertEquals(1, exit);
    assertEquals(command + ": cannot reach the " + daemon + ": no address in " + home.resolve("run/" + daemon + ".addr")
        + "; is the cluster started (llctl status)?\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void staleSocketOfAKilledDaemon_ignored_tcpMessage() throws IOException {
    Path socket = home.resolve("run/schedd.sock");
    try (java.nio.channels.ServerSocketChannel stale =
        java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      stale.bind(java.net.UnixDomainSocketAddress.of(socket));
    }
    assertTrue(Files.exists(socket));

    assertEquals(1, run("llq"));
    assertEquals("llq: cannot reach the schedd at 127.0.0.1:" + deadPort + " (" + home.resolve("run/schedd.addr")
        + "): connection refused; is the cluster started (llctl status)?\n", err.toString(StandardCharsets.UTF_8));
  }
}
