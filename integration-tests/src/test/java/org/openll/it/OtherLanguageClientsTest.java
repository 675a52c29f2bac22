package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example clients of {@code clients/} (Python on Debian's python3-grpcio, Node on @grpc/grpc-js)
 * against a real personal cluster: each submits a job command file and watches it to Completed,
 * and cancels a long job, which ends Removed. A missing runtime fails the test with what to install.
 */
class OtherLanguageClientsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
  private static final Path PYTHON_CLIENT = REPOSITORY.resolve("clients/python/openll_client.py");
  private static final Path NODE_CLIENT = REPOSITORY.resolve("clients/node/openll-client.js");

  @TempDir static Path root;
  static TestCluster cluster;
  static Path llsubmit;

  @BeforeAll
  static void startCluster() throws IOException {
    cluster = TestCluster.start(root, 1, 2);
    // the clients parse job command files with `llsubmit --dry-run`: the one of this build
    llsubmit = root.resolve("llsubmit");
    String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    Files.writeString(llsubmit, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
        + System.getProperty("java.class.path") + "' org.openll.cli.LlMain llsubmit \"$@\"\n");
    Files.setPosixFilePermissions(llsubmit, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void pythonClient_submitWatchAndCancel_stepsEndCompletedAndRemoved() {
    List<String> python = pythonCommand();
    ClientRun generated = run(List.of(python.get(0), REPOSITORY.resolve("clients/python/generate.py").toString()));
    assertEquals(0, generated.exitCode(), generated::toString);
    List<String> client = new ArrayList<>(python);
    client.add(PYTHON_CLIENT.toString());
    submitWatchAndCancel("python", client, "openll_client");
  }

  @Test
  void pythonClientUnitTests_reconnectRulesOfTheWatch_pass() {
    List<String> python = pythonCommand();
    ClientRun tests = run(with(python, "-m", "unittest", "discover", "-s", REPOSITORY.resolve("clients/python").toString()));

    assertEquals(0, tests.exitCode(), tests::toString);
  }

  @Test
  void nodeClient_submitWatchAndCancel_stepsEndCompletedAndRemoved() {
    submitWatchAndCancel("node", nodeCommand(), "openll-client");
  }

  @Test
  void pythonAndNodeClients_scheddDown_oneLineUnavailableNamingAddressFileAndHint() throws IOException {
    List<String> python = pythonCommand();
    ClientRun generated = run(List.of(python.get(0), REPOSITORY.resolve("clients/python/generate.py").toString()));
    assertEquals(0, generated.exitCode(), generated::toString);
    Path downHome = Files.createDirectories(root.resolve("down-home"));
    int deadPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort(); // closed again: connections are refused
    }
    new org.openll.common.cluster.ClusterHome(downHome).publishAddress("schedd", "127.0.0.1:" + deadPort);
    String expected = ": cancel: UNAVAILABLE: cannot reach the schedd at 127.0.0.1:" + deadPort + " ("
        + downHome.resolve("run/schedd.addr") + "): connection refused; is the cluster started (llctl status)?\n";

    ClientRun pythonRun = run(with(with(python, PYTHON_CLIENT.toString()), "cancel", "1"), downHome);
    ClientRun nodeRun = run(with(nodeCommand(), "cancel", "1"), downHome);

    assertEquals(1, pythonRun.exitCode(), pythonRun::toString);
    assertEquals("openll_client" + expected, pythonRun.err(), pythonRun::toString);
    assertEquals(1, nodeRun.exitCode(), nodeRun::toString);
    assertEquals("openll-client" + expected, nodeRun.err(), nodeRun::toString);
  }

  private static void submitWatchAndCancel(String language, List<String> client, String name) {
    Path quick = cluster.writeJobFile(language + "-quick.cmd", """
        # @ job_name   = %s-quick
        # @ executable = /bin/echo
        # @ arguments  = hello from %s
        # @ output     = $(job_name).$(jobid).out
        # @ queue
        """.formatted(language, language));
    ClientRun submitted = run(with(client, "submit", quick.toString()));
    assertEquals(0, submitted.exitCode(), submitted::toString);
    List<String> lines = submitted.out().lines().toList();
    assertTrue(lines.get(0).startsWith("submitted "), submitted::toString);
    String jobId = lines.get(0).substring("submitted ".length());
    assertTrue(lines.contains(jobId + ".0 STEP_STATE_COMPLETED"), submitted::toString);
    assertEquals("finished " + jobId, lines.get(lines.size() - 1), submitted::toString);
    assertEquals("STEP_STATE_COMPLETED", Steps.state(only(jobId)));
    String number = jobId.substring(jobId.lastIndexOf('.') + 1);
    assertEquals("hello from " + language + "\n", read(cluster.workDir().resolve(language + "-quick." + number + ".out")));

    Path sleep = cluster.writeJobFile(language + "-sleep.cmd", """
        # @ executable = /bin/sleep
        # @ arguments  = 300
        # @ queue
        """);
    ClientRun queued = run(with(client, "submit", "--no-watch", sleep.toString()));
    assertEquals(0, queued.exitCode(), queued::toString);
    String sleepId = queued.out().strip().substring("submitted ".length());
    Conditions.await(sleepId + " to run", DEADLINE, () -> Steps.query(cluster, sleepId).stream()
        .anyMatch(step -> Steps.state(step).equals("STEP_STATE_RUNNING")));
    ClientRun cancelled = run(with(client, "cancel", sleepId));
    assertEquals(0, cancelled.exitCode(), cancelled::toString);
    assertEquals("cancelled " + sleepId + ".0\n", cancelled.out());
    ClientRun watched = run(with(client, "watch", sleepId));
    assertEquals(3, watched.exitCode(), watched::toString); // finished, but not Completed
    assertTrue(watched.out().contains(sleepId + ".0 STEP_STATE_REMOVED\n"), watched::toString);
    assertEquals("STEP_STATE_REMOVED", Steps.state(only(sleepId)));

    ClientRun unknown = run(with(client, "cancel", "99999"));
    assertEquals(1, unknown.exitCode(), unknown::toString);
    assertEquals("", unknown.out());
    assertTrue(unknown.err().startsWith(name + ": cancel: NOT_FOUND: ") && unknown.err().strip().lines().count() == 1,
        unknown::toString);
  }

  private static JsonObject only(String jobId) {
    List<JsonObject> steps = Steps.query(cluster, jobId);
    assertEquals(1, steps.size(), steps::toString);
    return steps.get(0);
  }

  /** Debian's python3 with grpc and protobuf (OPENLL_PYTHON to choose another), or a failure saying what to install. */
  private static List<String> pythonCommand() {
    String python = System.getenv().getOrDefault("OPENLL_PYTHON", "/usr/bin/python3");
    ClientRun check = run(List.of(python, "-c", "import grpc, google.protobuf"));
    if (check.exitCode() != 0) {
      throw new AssertionError("the Python client needs " + python + " with grpc and protobuf: install them with"
          + " `apt-get install python3-grpcio python3-protobuf` (./openll test does as root), or set OPENLL_PYTHON; " + check);
    }
    return List.of(python);
  }

  /** node with the client's packages installed, or a failure saying what to install. */
  private static List<String> nodeCommand() {
    ClientRun check = run(List.of("node", "--version"));
    if (check.exitCode() != 0) {
      throw new AssertionError("the Node client needs node (18 or newer) on the PATH: " + check);
    }
    if (!Files.isDirectory(REPOSITORY.resolve("clients/node/node_modules/@grpc/grpc-js"))) {
      throw new AssertionError("the Node client's packages are not installed: run `npm ci` in "
          + REPOSITORY.resolve("clients/node") + " (./openll test does)");
    }
    return List.of("node", NODE_CLIENT.toString());
  }

  private static List<String> with(List<String> command, String... args) {
    List<String> all = new ArrayList<>(command);
    all.addAll(List.of(args));
    return all;
  }

  /** Runs a process in the cluster's work folder with OPENLL_HOME set; kills it after the deadline. */
  private static ClientRun run(List<String> command) {
    return run(command, cluster.home());
  }

  /** {@link #run(List)} with OPENLL_HOME set to {@code home}. */
  private static ClientRun run(List<String> command, Path home) {
    try {
      Path out = Files.createTempFile(root, "client", ".out");
      Path err = Files.createTempFile(root, "client", ".err");
      ProcessBuilder builder = new ProcessBuilder(command).directory(cluster.workDir().toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("OPENLL_HOME", home.toString());
      builder.environment().put("OPENLL_LLSUBMIT", llsubmit.toString());
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        return new ClientRun(command, 127, "", "cannot start " + command.get(0) + ": " + e.getMessage());
      }
      if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        throw new AssertionError(command + " did not end within " + DEADLINE + "; stdout: " + read(out)
            + " stderr: " + read(err));
      }
      return new ClientRun(command, process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record ClientRun(List<String> command, int exitCode, String out, String err) {
    @Override
    public String toString() {
      return String.join(" ", command) + ": exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }
}
