package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.DaemonControlGrpc;
import org.openll.api.v1.StatusRequest;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;
import org.openll.common.security.CertificateAuthority;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.Role;
import org.openll.common.security.SecurityFiles;
import org.openll.common.security.TokenSigner;
import org.openll.starter.UserAccounts;

/**
 * Issue 7, point 3, with real daemons: over a daemon's Unix socket the daemon sees the real user of
 * the command (a user made with useradd, running {@code bin/llctl} through setpriv; root only, as CI
 * runs); from "another machine" (a client home with the addresses and the CA certificate but no
 * socket and no client certificate) a token issued with {@code llctl token issue} is the user, and
 * forged, expired and other-cluster tokens are UNAUTHENTICATED. The user-creating test needs
 * {@code ./openll build} (bin/ and lib/ of this worktree).
 */
class IdentityTest {
  private static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

  @TempDir static Path root;
  static TestCluster cluster;
  static ClusterHome home;
  private static final List<String> createdUsers = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(root.resolve("cluster"), 1, 1);
    home = new ClusterHome(cluster.home());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      for (String user : createdUsers) {
        exec(List.of("userdel", "-r", user));
      }
    }
  }

  private static HostPort address(String daemon) {
    return HostPort.parse(home.readAddress(daemon).orElseThrow());
  }

  /** The caller the schedd's Status reports over TCP with {@code credentials}, or the failed call's status. */
  private static String whoamiOverTcp(ChannelCredentials credentials) {
    ManagedChannel channel = Channels.open(address("schedd"), credentials);
    try {
      return DaemonControlGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
          .status(StatusRequest.getDefaultInstance()).getCaller();
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode() + ": " + e.getStatus().getDescription();
    } finally {
      Channels.close(channel);
    }
  }

  @Test
  void command_onTheDaemonsMachine_goesOverTheSocket_asTheUserRunningIt() {
    for (String daemon : List.of("schedd", "negotiator")) {
      String out = cluster.run("llctl", "whoami", daemon).requireSuccess().out();
      assertEquals(System.getProperty("user.name") + " (unix socket) to the " + daemon + " at unix:"
          + home.commandSocket(daemon) + "\n", out);
    }
  }

  @Test
  void anotherUser_overTheSocket_isSeenAsThatUser_withoutAnyCertificate() throws Exception {
    assumeTrue(UserAccounts.currentUid() == 0, "creates a user with useradd: root only (CI runs as root)");
    assertTrue(Files.isRegularFile(REPOSITORY.resolve("lib/common.jar")), "run ./openll build first: " + REPOSITORY);
    Path llctl = RealUsers.commandsEveryoneMayRun(REPOSITORY, root).resolve("llctl");
    String user = "olid" + (10000 + new Random().nextInt(89999));
    Path userHome = root.resolve("home-" + user);
    String created = exec(List.of("useradd", "--create-home", "--home-dir", userHome.toString(), "--shell", "/bin/sh",
        "--user-group", user));
    assertTrue(Files.isDirectory(userHome), "useradd failed: " + created);
    createdUsers.add(user);
    // the user reaches the cluster home (LoadL_config, run/) but not root's files
    for (Path dir = cluster.home(); dir.startsWith(root); dir = dir.getParent()) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    }
    Files.setPosixFilePermissions(cluster.home(), PosixFilePermissions.fromString("rwxr-xr-x"));

    List<String> command = List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "env",
        "HOME=" + userHome, "USER=" + user, "OPENLL_HOME=" + cluster.home(), llctl.toString(), "whoami");
    String out = exec(command);

    assertEquals(user + " (unix socket) to the schedd at unix:" + home.commandSocket("schedd") + "\n", out);
    assertFalse(Files.exists(SecurityFiles.of(home).cert(Role.CLIENT, user)), "no client certificate was issued");
  }

  @Test
  void fromAnotherMachine_tokenIssuedByLlctl_isTheUser_noClientCertificateNeeded() throws Exception {
    Path tokenFile = root.resolve("alice.token");
    cluster.run("llctl", "token", "issue", "--user", "alice", "--lifetime", "1h", "--output", tokenFile.toString())
        .requireSuccess();
    Path remote = remoteHome("remote-a");

    TestCluster client = TestCluster.attach(remote, cluster.workDir());
    String out = client.runWith(java.util.Map.of("OPENLL_TOKEN_FILE", tokenFile.toString()), "llctl", "whoami")
        .requireSuccess().out();

    assertEquals("alice (token) to the schedd at " + address("schedd") + "\n", out);
    assertFalse(Files.exists(remote.resolve("security/certs")), "the remote home holds no certificate");
  }

  @Test
  void forgedExpiredAndOtherClusterTokens_unauthenticatedWithTheReason() throws Exception {
    ClusterHome remote = new ClusterHome(remoteHome("remote-b"));
    CertificateAuthority ca = CertificateAuthority.load(SecurityFiles.of(home), Clock.systemUTC());
    String valid = TokenSigner.of(ca).issue("alice", Instant.now(), Duration.ofHours(1));
    assertEquals("alice (token)", whoamiOverTcp(ClusterTls.tokenCredentials(remote, valid)));

    String[] parts = valid.split("\\.");
    String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("\"alice\"", "\"root\"");
    String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertEquals("UNAUTHENTICATED: openll.v1.DaemonControl/Status: bad signature: the token was altered or forged",
        whoamiOverTcp(ClusterTls.tokenCredentials(remote, forged)));

    String expired = TokenSigner.of(ca).issue("alice", Instant.now().minus(Duration.ofDays(2)), Duration.ofDays(1));
    assertTrue(whoamiOverTcp(ClusterTls.tokenCredentials(remote, expired))
        .startsWith("UNAUTHENTICATED: openll.v1.DaemonControl/Status: token of alice expired at "));

    CertificateAuthority other = CertificateAuthority.initialise(new SecurityFiles(root.resolve("other-ca")), "x",
        Clock.systemUTC());
    assertTrue(whoamiOverTcp(ClusterTls.tokenCredentials(remote, TokenSigner.of(other).issue("alice", Instant.now(),
        Duration.ofHours(1)))).startsWith("UNAUTHENTICATED: openll.v1.DaemonControl/Status: token signed by another"
        + " cluster's key"));

    String log = Files.readString(cluster.home().resolve("log/schedd.log"));
    assertTrue(log.contains("refused openll.v1.DaemonControl/Status from a token (/127.0.0.1:"), "refusals are logged");
    assertFalse(log.contains(forged) || log.contains(expired) || log.contains(parts[2]), "no token in the log");
  }

  @Test
  void tlsWithoutCertificateOrToken_unauthenticated_plaintext_unavailable() throws Exception {
    ChannelCredentials tlsOnly = io.grpc.TlsChannelCredentials.newBuilder()
        .trustManager(SecurityFiles.of(home).caCert().toFile()).build();
    assertEquals("UNAUTHENTICATED: openll.v1.DaemonControl/Status: no client certificate and no token",
        whoamiOverTcp(tlsOnly));
    assertTrue(whoamiOverTcp(ClusterTls.insecure().channelCredentials()).startsWith("UNAVAILABLE"));
    ClusterHome otherCa = new ClusterHome(root.resolve("other-ca-home"));
    assertTrue(whoamiOverTcp(ClusterTls.selfIssued(otherCa, Role.CLIENT, "alice").channelCredentials())
        .startsWith("UNAVAILABLE"), "a client certificate of another CA fails the handshake");
  }

  @Test
  void pythonAndNodeClients_fromAnotherMachine_withAToken_areAuthenticated_forgedTokenRefused() throws Exception {
    String python = System.getenv().getOrDefault("OPENLL_PYTHON", "/usr/bin/python3");
    String generated = exec(List.of(python, REPOSITORY.resolve("clients/python/generate.py").toString()));
    assertFalse(generated.contains("(exit "), "generate.py: " + generated + " (needs python3-grpcio, python3-protobuf)");
    Path remote = remoteHome("remote-py");
    Files.createDirectories(remote.resolve("tokens"));
    String user = System.getProperty("user.name");
    String token = cluster.run("llctl", "token", "issue", "--user", user).requireSuccess().out().strip();
    Files.writeString(remote.resolve("tokens/" + user + ".token"), token + "\n");
    String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertTrue(Files.isDirectory(REPOSITORY.resolve("clients/node/node_modules/@grpc/grpc-js")),
        "run `npm ci` in clients/node (./openll test does)");
    for (List<String> client : List.of(
        List.of(python, REPOSITORY.resolve("clients/python/openll_client.py").toString()),
        List.of("node", REPOSITORY.resolve("clients/node/openll-client.js").toString()))) {
      List<String> cancel = new ArrayList<>(client);
      cancel.addAll(List.of("cancel", "99999"));
      String name = client.get(0).equals("node") ? "openll-client" : "openll_client";

      // authenticated by tokens/USER.token: the schedd looks for the step
      String found = execWith(cancel, java.util.Map.of("OPENLL_HOME", remote.toString()));
      assertTrue(found.startsWith(name + ": cancel: NOT_FOUND: "), found);

      String refused = execWith(cancel, java.util.Map.of("OPENLL_HOME", remote.toString(), "OPENLL_TOKEN", forged));
      assertTrue(refused.startsWith(name + ": cancel: UNAUTHENTICATED: openll.v1.Schedd/CancelSteps: bad signature"),
          refused);
    }
  }

  /** Runs {@code command} with {@code env} added; returns stdout and stderr together. */
  private static String execWith(List<String> command, java.util.Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return out;
  }

  /**
   * A home as a user's on another machine has it: LoadL_config, the daemons' published addresses and
   * the CA certificate, but no socket and no key.
   */
  private static Path remoteHome(String name) throws IOException {
    Path remote = Files.createDirectories(root.resolve(name));
    Files.copy(cluster.home().resolve("LoadL_config"), remote.resolve("LoadL_config"));
    Files.createDirectories(remote.resolve("run"));
    for (String daemon : List.of("schedd", "negotiator")) {
      Files.copy(home.addressFile(daemon), remote.resolve("run/" + daemon + ".addr"));
    }
    Files.createDirectories(remote.resolve("security/ca"));
    Files.copy(SecurityFiles.of(home).caCert(), remote.resolve("security/ca/ca.crt"));
    return remote;
  }

  /** Runs a command; returns its standard output, with stderr and the exit code when it failed. */
  private static String exec(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
        .toFile())).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return out + err + " (timed out)";
    }
    return process.exitValue() == 0 ? out : out + err + " (exit " + process.exitValue() + ")";
  }
}
