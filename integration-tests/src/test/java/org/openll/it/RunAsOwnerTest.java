package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.starter.UserAccounts;

/**
 * Issue 7, "jobs run as their owner": a personal cluster started as root runs each step as its
 * owner. Creates two real users (names unique per run, homes under a temporary folder) and removes
 * them afterwards, even when a test fails. Needs root (CI runs as root): fails, never skips,
 * without it. The test submits as A with A's client certificate ({@link ScheddClient}).
 */
class RunAsOwnerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir static Path root;
  private static RealUsers users;
  private static String userA;
  private static String userB;
  private static Path homeA;
  private static Path homeB;
  private static Path jobsOfA;
  private static TestCluster cluster;

  @BeforeAll
  static void setUp() throws Exception {
    if (UserAccounts.currentUid() != 0) {
      fail("RunAsOwnerTest creates users (useradd) and runs a cluster as root: run it as root, as CI does"
          + " (uid now " + UserAccounts.currentUid() + ")");
    }
    // the users reach their homes under the temporary folder; they cannot list it
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
    Path homes = Files.createDirectory(root.resolve("homes"));
    Files.setPosixFilePermissions(homes, PosixFilePermissions.fromString("rwx--x--x"));
    users = new RealUsers();
    RealUsers.User a = users.create("olla", homes);
    RealUsers.User b = users.create("olbb", homes);
    userA = a.name();
    userB = b.name();
    homeA = a.home();
    homeB = b.home();
    Files.setPosixFilePermissions(homeB, PosixFilePermissions.fromString("rwx------"));
    jobsOfA = Files.createDirectory(homeA.resolve("jobs"));
    chown(jobsOfA, userA);

    cluster = TestCluster.start(root.resolve("cluster"), 1, 2, "MAX_JOB_REJECT = 0\nACTION_ON_MAX_REJECT = HOLD\n", "");
  }

  @AfterAll
  static void tearDown() throws Exception {
    try (RealUsers created = users; TestCluster started = cluster) {
      // closes the cluster, then the users even if that failed; a null (never started) is skipped
    }
  }

  @Test
  void stepOfA_runsWithAsUidAndWritesFilesOwnedByA() throws Exception {
    int uidA = uidOf(homeA);
    try (ScheddClient schedd = new ScheddClient(cluster)) {
      String job = schedd.submit(userA, List.of(ScheddClient.shellStep(jobsOfA, "ids",
          "id -u; id -un; echo made > made.txt; echo \"$HOME $USER $LOGNAME\"")));

      JsonObject step = Steps.awaitFinished(cluster, job, 1, DEADLINE).getFirst();

      assertEquals("STEP_STATE_COMPLETED", Steps.state(step), step.toString());
      assertEquals(0, Steps.exitCode(step), step + " " + read(jobsOfA.resolve("ids.err")));
      assertEquals(uidA + "\n" + userA + "\n" + homeA + " " + userA + " " + userA + "\n",
          read(jobsOfA.resolve("ids.out")));
      for (String file : List.of("ids.out", "ids.err", "made.txt")) {
        assertEquals(uidA, uidOf(jobsOfA.resolve(file)), file + " belongs to " + userA);
      }
    }
  }

  @Test
  void stepOfA_writingIntoBsHome_failsAndLeavesItUnchanged() throws Exception {
    List<String> before = listing(homeB);
    try (ScheddClient schedd = new ScheddClient(cluster)) {
      String job = schedd.submit(userA, List.of(ScheddClient.shellStep(jobsOfA, "steal",
          "echo stolen > " + homeB.resolve("stolen.txt"))));

      JsonObject step = Steps.awaitFinished(cluster, job, 1, DEADLINE).getFirst();

      assertEquals("STEP_STATE_COMPLETED", Steps.state(step), step.toString());
      assertNotEquals(0, Steps.exitCode(step), step.toString());
      assertEquals(before, listing(homeB));
      assertTrue(read(jobsOfA.resolve("steal.err")).contains("Permission denied"), read(jobsOfA.resolve("steal.err")));
      assertEquals(uidOf(homeA), uidOf(jobsOfA.resolve("steal.out")));
    }
  }

  @Test
  void stepOfUnknownUser_rejectedWithReasonAndHeld() throws Exception {
    String stranger = "olzz" + (10000 + new Random().nextInt(89999));
    Path work = Files.createDirectories(root.resolve("stranger"));
    try (ScheddClient schedd = new ScheddClient(cluster)) {
      String job = schedd.submit(stranger, List.of(ScheddClient.shellStep(work, "s", "true")));

      Conditions.await(job + " to be held after its rejection", DEADLINE, () -> {
        List<JsonObject> steps = Steps.query(cluster, job);
        return steps.size() == 1 && Steps.state(steps.getFirst()).equals("STEP_STATE_HOLD");
      });

      String listing = cluster.run("llq", "-l", job + ".0").requireSuccess().out();
      assertTrue(listing.contains("Status: User Hold\n"), listing);
      assertTrue(listing.contains("INVALID_ARGUMENT: user " + stranger + " unknown on "), listing);
      assertTrue(listing.contains("rejected 1 times, MAX_JOB_REJECT = 0"), listing);
      assertFalse(Files.exists(work.resolve("s.out")), "the step never ran");
    }
  }

  private static void chown(Path path, String user) throws IOException, InterruptedException {
    RealUsers.exec("chown", user + ":" + user, path.toString());
  }

  private static int uidOf(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:uid");
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
