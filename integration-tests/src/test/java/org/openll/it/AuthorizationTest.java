package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, point 4: who may do what, with real users running the real commands ({@code bin/llsubmit},
 * {@code bin/llcancel}, ...) as themselves. Users A and B are created with {@code useradd} (removed
 * afterwards); the cluster runs as root, its only administrator (LOADL_ADMIN's default), whose
 * commands run in-process. Each test runs once per {@link UserConnection}. Needs root (CI runs as
 * root): skipped otherwise. One cluster for the class; A's steps are held, so nothing runs.
 */
class AuthorizationTest {
  private static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
  private static Path bin;

  @TempDir static Path root;
  private static RealUsers users;
  private static RealUsers.User userA;
  private static RealUsers.User userB;
  private static TestCluster cluster;
  private static final Map<UserConnection, Map<RealUsers.User, Map<String, String>>> environments =
      new EnumMap<>(UserConnection.class);

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue(RealUsers.root(), "creates users (useradd): run as root, as CI does");
    assumeTrue(Files.exists(REPOSITORY.resolve("lib/common.jar")), "needs ./openll build for bin/ and lib/");
    // the users reach their homes under the temporary folder; they cannot list it
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
    Path homes = Files.createDirectory(root.resolve("homes"));
    Files.setPosixFilePermissions(homes, PosixFilePermissions.fromString("rwx--x--x"));
    bin = RealUsers.commandsEveryoneMayRun(REPOSITORY, root);
    users = new RealUsers();
    userA = users.create("olaa", homes);
    userB = users.create("olab", homes);
    cluster = TestCluster.start(root.resolve("cluster"), 1, 1);
  }

  @AfterAll
  static void tearDown() throws Exception {
    try (RealUsers created = users; TestCluster started = cluster) {
      // closes the cluster, then the users even if that failed; a null (never started) is skipped
    }
  }

  /**
   * The listings every user may ask for, from {@code bin/}: they run on the commands' class path
   * ({@code lib/commands/openll-commands.jar}, the jars of {@code lib/} merged, without {@code
   * lib/daemon/}), so a class a command needs from a daemon's jar fails here.
   */
  @ParameterizedTest
  @EnumSource(UserConnection.class)
  void everyUser_listsQueueMachinesClassesAndAccounting(UserConnection how) throws Exception {
    String step = submitHeldStepOfA(how, "listed") + ".0";
    for (String[] command : new String[][] {{"llq"}, {"llq", "-s", step}, {"llq", "--json"}, {"llstatus"},
        {"llstatus", "-l"}, {"llclass"}, {"llsummary"}, {"llfs"}}) {
      CommandResult result = run(how, userB, command).requireSuccess();
      assertFalse(result.out().isBlank(), String.join(" ", command) + " printed nothing");
      assertTrue(result.err().isBlank(), String.join(" ", command) + ": " + result.err());
    }
    run(how, userA, "llcancel", step).requireSuccess();
  }

  @ParameterizedTest
  @EnumSource(UserConnection.class)
  void otherUser_cannotCancelHoldReleaseModifyOrReprioritise_ownerAndAdministratorCan(UserConnection how)
      throws Exception {
    String step = submitHeldStepOfA(how, "changes") + ".0";

    for (String[] command : new String[][] {{"llcancel", step}, {"llhold", step}, {"llhold", "-r", step},
        {"llmodify", "-k", "account_no=stolen", step}, {"llprio", "+10", step}}) {
      CommandResult refused = run(how, userB, command);
      assertNotEquals(0, refused.exitCode(), String.join(" ", command) + " by B: " + refused);
      assertTrue(refused.err().contains("step " + step + " belongs to " + userA.name() + ": " + userB.name() + " may not"),
          String.join(" ", command) + " by B: " + refused);
    }
    String refusal = "WARN  [";
    String line = "refused openll.v1.Schedd/CancelSteps to " + userB.name() + " (";
    Conditions.await("the schedd to log B's refused cancel with who asked", Duration.ofSeconds(10),
        () -> readLog("schedd").lines().anyMatch(l -> l.contains(refusal) && l.contains(line)));
    JsonObject unchanged = Steps.query(cluster, step).getFirst();
    assertEquals("STEP_STATE_HOLD", Steps.state(unchanged), unchanged.toString());
    String listing = cluster.run("llq", "-l", step).requireSuccess().out();
    assertFalse(listing.contains("stolen"), listing);
    assertTrue(listing.contains("User Priority: 50"), listing);

    run(how, userA, "llprio", "+10", step).requireSuccess();
    cluster.run("llmodify", "-k", "account_no=byadmin", step).requireSuccess(); // root: the administrator
    listing = cluster.run("llq", "-l", step).requireSuccess().out();
    assertTrue(listing.contains("User Priority: 60"), listing);
    assertTrue(listing.contains("byadmin"), listing);
    run(how, userA, "llcancel", step).requireSuccess();
    assertTrue(Steps.query(cluster, step).isEmpty() || Steps.state(Steps.query(cluster, step).getFirst())
        .equals("STEP_STATE_REMOVED"));
  }

  @ParameterizedTest
  @EnumSource(UserConnection.class)
  void llqLong_ofAnothersStep_showsItWithPathsAndEnvironmentRedacted_ownerSeesThem(UserConnection how)
      throws Exception {
    String step = submitHeldStepOfA(how, "private") + ".0";
    String output = userA.home().resolve("private.out").toString();

    CommandResult seenByB = run(how, userB, "llq", "-l", step).requireSuccess();
    assertTrue(seenByB.out().contains(userA.name()), seenByB.out());
    assertTrue(seenByB.out().contains("<redacted>"), seenByB.out());
    assertFalse(seenByB.out().contains(userA.home().toString()), seenByB.out());
    assertFalse(seenByB.out().contains("s3cret"), seenByB.out());

    CommandResult seenByA = run(how, userA, "llq", "-l", step).requireSuccess();
    assertTrue(seenByA.out().contains(output), seenByA.out());
    assertTrue(seenByA.out().contains("s3cret"), seenByA.out());
    assertFalse(seenByA.out().contains("<redacted>"), seenByA.out());
    run(how, userA, "llcancel", step).requireSuccess();
  }

  @ParameterizedTest
  @EnumSource(UserConnection.class)
  void llctlReconfigAndDrain_byNonAdministrator_refusedNamingThem(UserConnection how) throws Exception {
    CommandResult reconfig = run(how, userB, "llctl", "reconfig");
    assertNotEquals(0, reconfig.exitCode(), reconfig.toString());
    // llctl answers per daemon, on stdout
    assertTrue(reconfig.out().contains("schedd                   not reconfigured: " + userB.name()
        + " may not reconfig the schedd: only an administrator in LOADL_ADMIN may"), reconfig.toString());
    assertTrue(reconfig.out().contains(userB.name() + " may not reconfig the negotiator"), reconfig.toString());

    CommandResult drain = run(how, userB, "llctl", "drain");
    assertNotEquals(0, drain.exitCode(), drain.toString());
    assertTrue((drain.out() + drain.err()).contains(userB.name() + " may not drain"), drain.toString());
    assertTrue(cluster.run("llctl", "status").requireSuccess().out().lines().noneMatch(l -> l.contains("drained")));
  }

  /** A submits, as A, a held one-step job named {@code name} with paths and an environment of A's; returns its id. */
  private static String submitHeldStepOfA(UserConnection how, String name) throws Exception {
    Path file = userA.home().resolve(name + ".cmd");
    Files.writeString(file, """
        # @ job_name    = %s
        # @ executable  = /bin/true
        # @ initialdir  = %s
        # @ output      = %s.out
        # @ error       = %s.err
        # @ environment = API_KEY=s3cret
        # @ hold        = user
        # @ queue
        """.formatted(name, userA.home(), name, name));
    RealUsers.chown(file, userA);
    String line = run(how, userA, "llsubmit", file.toString()).requireSuccess().out().strip();
    int open = line.indexOf('"');
    return line.substring(open + 1, line.indexOf('"', open + 1));
  }

  private static String readLog(String daemon) {
    try {
      return Files.readString(cluster.home().resolve("log").resolve(daemon + ".log"));
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static CommandResult run(UserConnection how, RealUsers.User user, String... command) throws Exception {
    Map<String, String> env = environments.computeIfAbsent(how, h -> new HashMap<>()).get(user);
    if (env == null) {
      env = how.prepare(cluster, user);
      environments.get(how).put(user, env);
    }
    String[] line = command.clone();
    line[0] = bin.resolve(command[0]).toString();
    return RealUsers.runAs(user, env, user.home(), line);
  }
}
