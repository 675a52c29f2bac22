package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, point 4: three "hosts" on this machine, each a network namespace with its own address
 * on a private bridge, its own cluster home and its own master started by {@code llctl start}.
 * hostA is the central manager and the schedd, hostB and hostC execute steps. The roles come from
 * one LoadL_config (CENTRAL_MANAGER_LIST, SCHEDD_HOST) plus hostA's local configuration
 * LoadL_config.hostA (STARTD_RUNS_HERE = false). Host names resolve through a hosts file given to every JVM with
 * {@code -Djdk.net.hosts.file} (JAVA_TOOL_OPTIONS), so the machine's /etc/hosts is never touched.
 *
 * <p>Needs root (ip netns, veth, bridge): fails saying so otherwise. Creates a bridge, three
 * namespaces and three veth pairs with names unique to this run, on 10.231.N.0/24, and deletes
 * them all in {@link #tearDown()}, whatever happened.
 */
class MultiHostTest {
  private static final String CONFIG = """
      CENTRAL_MANAGER_LIST = hostA
      SCHEDD_HOST = hostA
      LOCAL_CONFIG = LoadL_config.$(host)
      NEGOTIATOR_INTERVAL = 200ms
      MACHINE_UPDATE_INTERVAL = 300ms
      MACHINE_TIMEOUT = 2s
      MACHINE_LOST_TIMEOUT = 4s
      SCHEDD_START_RETRY_INTERVAL = 200ms
      SCHEDD_START_RETRY_MAX = 1s
      STARTER_KILL_GRACE = 1s
      """;
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration DEADLINE = Duration.ofSeconds(45);

  /** One simulated machine. */
  private record Host(String name, String namespace, String veth, String ip, Path home, Path work) {}

  @TempDir static Path root;
  private static final String RUN = Long.toString(ProcessHandle.current().pid() % 46656, 36);
  private static final String BRIDGE = "ollbr" + RUN;
  private static final List<Host> HOSTS = new ArrayList<>();
  private static final List<String> CREATED_NAMESPACES = new ArrayList<>();
  private static boolean bridgeCreated;
  private static Path hostsFile;

  @BeforeAll
  static void network() throws IOException {
    String uid = run(Duration.ofSeconds(5), List.of("id", "-u"), Map.of()).out().strip();
    if (!uid.equals("0")) {
      fail("MultiHostTest needs root to create network namespaces (ip netns, veth, a bridge); runs as uid " + uid);
    }
    int subnet = (int) (ProcessHandle.current().pid() % 200) + 20;
    hostsFile = root.resolve("hosts");
    StringBuilder hosts = new StringBuilder("127.0.0.1 localhost " + hostName() + "\n");
    ip("link", "add", BRIDGE, "type", "bridge");
    bridgeCreated = true;
    ip("link", "set", BRIDGE, "up");
    String[] names = {"hostA", "hostB", "hostC"};
    for (int i = 0; i < names.length; i++) {
      String suffix = RUN + (char) ('a' + i);
      Host host = new Host(names[i], "oll" + suffix, "ollv" + suffix, "10.231." + subnet + "." + (i + 1),
          Files.createDirectories(root.resolve(names[i]).resolve("home")),
          Files.createDirectories(root.resolve(names[i]).resolve("work")));
      ip("netns", "add", host.namespace());
      CREATED_NAMESPACES.add(host.namespace());
      ip("link", "add", host.veth(), "type", "veth", "peer", "name", "ollp" + suffix);
      ip("link", "set", "ollp" + suffix, "netns", host.namespace());
      ip("-n", host.namespace(), "link", "set", "ollp" + suffix, "name", "eth0");
      ip("link", "set", host.veth(), "master", BRIDGE, "up");
      ip("-n", host.namespace(), "addr", "add", host.ip() + "/24", "dev", "eth0");
      ip("-n", host.namespace(), "link", "set", "lo", "up");
      ip("-n", host.namespace(), "link", "set", "eth0", "up");
      Files.writeString(host.home().resolve("LoadL_config"), CONFIG);
      hosts.append(host.ip()).append(' ').append(host.name()).append('\n');
      HOSTS.add(host);
    }
    Files.writeString(HOSTS.get(0).home().resolve("LoadL_config.hostA"), "STARTD_RUNS_HERE = false\n");
    Files.writeString(hostsFile, hosts.toString());
  }

  @AfterAll
  static void tearDown() {
    List<String> problems = new ArrayList<>();
    for (Host host : HOSTS) {
      CommandResult stop = ll(host, "llctl", "stop");
      if (stop.exitCode() != 0) {
        problems.add(host.name() + ": llctl stop: " + stop);
      }
      // anything of ours still alive in the namespace (only processes this test started live there)
      for (String pid : run(Duration.ofSeconds(5), List.of("ip", "netns", "pids", host.namespace()), Map.of())
          .out().split("\\s+")) {
        if (!pid.isBlank()) {
          ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> {
            problems.add(host.name() + ": pid " + p.pid() + " outlived llctl stop");
            p.destroyForcibly();
          });
        }
      }
    }
    for (String namespace : CREATED_NAMESPACES) {
      run(Duration.ofSeconds(10), List.of("ip", "netns", "del", namespace), Map.of());
    }
    for (Host host : HOSTS) {
      // normally gone with its peer in the deleted namespace
      run(Duration.ofSeconds(5), List.of("ip", "link", "del", host.veth()), Map.of());
    }
    if (bridgeCreated) {
      run(Duration.ofSeconds(5), List.of("ip", "link", "del", BRIDGE), Map.of());
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems));
    }
  }

  @Test
  void threeHosts_stepsRunOnBothExecuteMachines_andACutHostsStepIsRequeuedAndCompletesOnTheOther() throws IOException {
    Host a = HOSTS.get(0);
    Host b = HOSTS.get(1);
    Host c = HOSTS.get(2);
    String startedA = ll(a, "llctl", "start", "--host", "hostA").requireSuccess().out();
    assertTrue(startedA.contains("negotiator " + a.ip() + ":9614") && startedA.contains("schedd " + a.ip() + ":9605"),
        startedA);
    installCertificates(a, b);
    installCertificates(a, c);
    ll(b, "llctl", "start", "--cpus", "1").requireSuccess(); // LOADL_HOST names it
    ll(c, "llctl", "start", "--cpus", "1").requireSuccess();
    assertTrue(Files.exists(a.home().resolve("run/schedd.addr")));
    assertTrue(Files.notExists(b.home().resolve("run/schedd.addr")), "hostB runs no schedd");

    // the first step is held to hostB; the second, submitted once hostB's only CPU is taken, can
    // only go to hostC, and may run on hostB once requeued
    String first = submit(a, jobFile(a, "first.cmd", 15, "# @ requirements = (Machine == \"hostB\")"));
    Conditions.await("the first step running on hostB", DEADLINE, () -> runningOn(a).containsValue("hostB"));
    String second = submit(a, jobFile(a, "second.cmd", 20, ""));
    String[] jobs = {first, second};
    assertTrue(first.startsWith("hostA."), first);
    Conditions.await("llq on hostA showing a step running on hostB and one on hostC", DEADLINE,
        () -> List.of("hostB", "hostC").equals(runningOn(a).values().stream().sorted().toList()));
    ip("-n", c.namespace(), "link", "set", "eth0", "down");
    String onC = second + ".0";

    // a command on an execute machine finds the schedd through SCHEDD_HOST and SCHEDD_STREAM_PORT
    assertEquals(2, steps(b, jobs).size());

    try {
      Conditions.await("every step completed on hostB", DEADLINE, () -> steps(a, jobs).stream()
          .allMatch(s -> s.get("state").getAsString().equals("STEP_STATE_COMPLETED") && s.has("machine")
              && s.get("machine").getAsString().equals("hostB")));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; steps: " + steps(a, jobs) + "\n" + logTails(), e);
    }
    JsonObject requeued = steps(a, jobs).stream()
        .filter(s -> s.get("step_id").getAsString().equals(onC)).findFirst().orElseThrow();
    String history = requeued.get("history").toString();
    assertTrue(history.contains("on hostC") && history.contains("STEP_STATE_VACATED"), history);
  }

  /** The last lines of every daemon log of every host, for a failure's message; copied to openll.it.keepLogs when set. */
  private static String logTails() {
    StringBuilder text = new StringBuilder();
    String keep = System.getProperty("openll.it.keepLogs");
    for (Host host : HOSTS) {
      try (var logs = Files.list(host.home().resolve("log"))) {
        for (Path log : logs.sorted().toList()) {
          List<String> lines = Files.readAllLines(log);
          text.append("--- ").append(host.name()).append(' ').append(log.getFileName()).append('\n');
          lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> text.append(l).append('\n'));
          if (keep != null) {
            Path copy = Files.createDirectories(Path.of(keep, host.name())).resolve(log.getFileName());
            Files.copy(log, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } catch (IOException e) {
        text.append(host.name()).append(": ").append(e.getMessage()).append('\n');
      }
    }
    return text.toString();
  }

  /** Writes a job command file in {@code host}'s work folder: /bin/sleep {@code seconds}, plus {@code extra}. */
  private static Path jobFile(Host host, String name, int seconds, String extra) throws IOException {
    return Files.writeString(host.work().resolve(name), "# @ executable = /bin/sleep\n# @ arguments = " + seconds
        + "\n" + (extra.isEmpty() ? "" : extra + "\n") + "# @ queue\n");
  }

  /**
   * The running steps of llq's standard listing on {@code host}, step id to the Running On column;
   * empty while llq fails.
   */
  private static Map<String, String> runningOn(Host host) {
    CommandResult result = ll(host, "llq");
    Map<String, String> running = new java.util.TreeMap<>();
    if (result.exitCode() == 0) {
      for (String line : result.out().lines().toList()) {
        String[] columns = line.strip().split("\\s+");
        // Id Owner Submitted(date time) ST PRI Class RunningOn
        if (columns.length == 8 && columns[0].startsWith("hostA.") && columns[4].equals("R")) {
          running.put(columns[0], columns[7]);
        }
      }
    }
    return running;
  }

  private static String submit(Host host, Path jobFile) {
    String line = ll(host, "llsubmit", jobFile.toString()).requireSuccess().out().strip();
    int open = line.indexOf('"');
    return line.substring(open + 1, line.indexOf('"', open + 1));
  }

  /** The steps of {@code jobIds} as llq --json on {@code host} shows them; empty while llq fails. */
  private static List<JsonObject> steps(Host host, String... jobIds) {
    List<String> args = new ArrayList<>(List.of("llq", "--json", "-j"));
    args.addAll(List.of(jobIds));
    CommandResult result = ll(host, args.toArray(String[]::new));
    if (result.exitCode() != 0) {
      return List.of();
    }
    JsonArray array = JsonParser.parseString(result.out()).getAsJsonArray();
    return StreamSupport.stream(array.spliterator(), false).map(JsonElement::getAsJsonObject).toList();
  }

  /** Runs an openll command ({@code llctl}, {@code llq}, ...) as {@code host} would: in its namespace. */
  /**
   * What an administrator does for each execute machine (docs/security.md): issue its startd
   * certificate on the CA host {@code ca} and copy it, the CA certificate and the user's client
   * certificate into the machine's home.
   */
  private static void installCertificates(Host ca, Host machine) throws IOException {
    ll(ca, "llctl", "cert", "issue", "--machine", machine.name(), "--role", "startd", "--san", machine.ip())
        .requireSuccess();
    Path from = ca.home().resolve("security");
    Path to = Files.createDirectories(machine.home().resolve("security/certs"));
    Files.createDirectories(machine.home().resolve("security/ca"));
    Files.copy(from.resolve("ca/ca.crt"), machine.home().resolve("security/ca/ca.crt"));
    String user = System.getProperty("user.name");
    for (String file : List.of("startd-" + machine.name() + ".crt", "startd-" + machine.name() + ".key",
        "client-" + user + ".crt", "client-" + user + ".key")) {
      Files.copy(from.resolve("certs").resolve(file), to.resolve(file));
    }
  }

  private static CommandResult ll(Host host, String... args) {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace(), java,
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        "org.openll.cli.LlMain"));
    command.addAll(List.of(args));
    return run(COMMAND_TIMEOUT, command, Map.of(
        "OPENLL_HOME", host.home().toString(),
        "LOADL_HOST", host.name(),
        "JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hostsFile));
  }

  private static void ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    run(Duration.ofSeconds(10), command, Map.of()).requireSuccess();
  }

  private static String hostName() {
    String name = run(Duration.ofSeconds(5), List.of("hostname"), Map.of()).out().strip();
    return name.isEmpty() ? "localhost" : name;
  }

  /** Runs {@code command} with {@code env} added to this JVM's environment; stderr kept apart. */
  private static CommandResult run(Duration timeout, List<String> command, Map<String, String> env) {
    try {
      Path out = Files.createTempFile(root, "out", ".txt");
      Path err = Files.createTempFile(root, "err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new CommandResult(-1, Files.readString(out), "timed out after " + timeout + ": " + command);
      }
      String stderr = Files.readString(err, StandardCharsets.UTF_8).lines()
          .filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS")).reduce("", (x, y) -> x + y + "\n");
      return new CommandResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command);
    }
  }
}
