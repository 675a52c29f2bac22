package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, point 7 with real processes: a full schedd spool makes submits fail with
 * RESOURCE_EXHAUSTED and a message naming the spool, loses nothing the schedd had, and submits
 * work again once there is space, without a restart.
 *
 * <p>How the disk is filled depends on what the test may do. As root (CI), {@code spool/schedd} is
 * a 8 MB tmpfs mounted before the cluster starts (unmounted at the end) and filled to ENOSPC with
 * a file, with {@code SCHEDD_MIN_FREE_SPACE = 0}: the refusal is SQLite's own SQLITE_FULL. Without
 * root (or when the mount is refused) the spool stays on its file system,
 * {@code SCHEDD_MIN_FREE_SPACE} is set 128 MB below that file system's free space and a 256 MB
 * file is written next to the store: the refusal is the schedd's free-space floor. Either way the
 * test says on stdout which it did, and every assertion below holds in both. While the spool is
 * full the schedd is also killed with SIGKILL: the master's restart comes up on the full disk.
 */
class DiskTroubleTest {
  /** Steps run as their owner under a root startd: the owner must exist here (the user running the tests). */
  private static final String OWNER = System.getProperty("user.name");
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final int EARLIER_JOBS = 3;
  private static final int MAX_FILLING_SUBMITS = 2000;
  private static final long MB = 1024 * 1024;

  @TempDir
  Path root;

  @Test
  void spoolFull_submitRefusedNamingTheSpoolNothingLostThenSubmitsAgainWithoutARestart() throws Exception {
    Path home = root.resolve("home");
    Path spool = Files.createDirectories(home.resolve("spool/schedd"));
    boolean tmpfs = mountTmpfs(spool, "8m");
    String config;
    if (tmpfs) {
      System.out.println("DiskTroubleTest: spool/schedd is an 8 MB tmpfs, filled to ENOSPC (SQLITE_FULL)");
      config = "SCHEDD_MIN_FREE_SPACE = 0\n";
    } else {
      long floor = Files.getFileStore(spool).getUsableSpace() - 128 * MB;
      System.out.println("DiskTroubleTest: no tmpfs (not root); SCHEDD_MIN_FREE_SPACE = " + floor
          + " bytes, 128 MB below the spool's free space, and a 256 MB file fills it");
      config = "SCHEDD_MIN_FREE_SPACE = " + floor + "\n";
    }
    Path filler = spool.resolve("filler");
    try {
      try (TestCluster cluster = TestCluster.start(root, 1, 4, config, "");
          ScheddClient schedd = new ScheddClient(cluster)) {
        Path go = cluster.workDir().resolve("go");
        Path waiter = cluster.writeJobFile("waiter.cmd", """
            #!/bin/sh
            # @ output = /dev/null
            # @ error = /dev/null
            # @ queue
            while [ ! -e %s ]; do sleep 0.1; done
            """.formatted(go));
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < EARLIER_JOBS; i++) {
          acknowledged.add(cluster.submit(waiter));
        }
        Conditions.await("the earlier jobs to run", DEADLINE, () -> acknowledged.stream()
            .allMatch(id -> Steps.query(cluster, id).stream().anyMatch(s -> Steps.state(s).equals("STEP_STATE_RUNNING"))));

        fill(filler, tmpfs ? Long.MAX_VALUE : 256 * MB);
        Path quick = cluster.writeJobFile("quick.cmd", """
            # @ executable = /bin/true
            # @ output = /dev/null
            # @ error = /dev/null
            # @ queue
            """);
        CommandResult refused = submitUntilRefused(cluster, quick, acknowledged);

        String prefix = "llsubmit: schedd spool " + spool.toAbsolutePath() + ": ";
        assertTrue(refused.err().startsWith(prefix), refused.err());
        assertTrue(refused.err().startsWith(prefix + (tmpfs ? "disk full (SQLITE_FULL)" : "disk full (")), refused.err());
        assertEquals(1, refused.err().strip().split("\n").length, refused.err());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
            () -> schedd.submit(OWNER, List.of(ScheddClient.shellStep(cluster.workDir(), "s", "true"))));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.toString());
        assertTrue(e.getStatus().getDescription().startsWith("schedd spool " + spool.toAbsolutePath() + ": disk full"),
            e.getStatus().getDescription());
        for (String id : acknowledged) {
          assertEquals(1, Steps.query(cluster, id).size(), id + " is still in the queue while the disk is full");
        }

        // a schedd killed while the disk is full comes back on it (opening the store writes
        // nothing), has everything, and still refuses
        ProcessHandle first = cluster.daemon("org.openll.schedd.ScheddMain").orElseThrow();
        first.destroyForcibly(); // SIGKILL
        Conditions.await("the master to restart the schedd", DEADLINE, () -> cluster.daemon("org.openll.schedd.ScheddMain")
            .map(p -> p.pid() != first.pid()).orElse(false));
        for (String id : acknowledged) {
          Conditions.await(id + " in the restarted schedd's queue", DEADLINE, () -> Steps.query(cluster, id).size() == 1);
        }
        CommandResult refusedAgain = submitUntilRefused(cluster, quick, acknowledged);
        assertTrue(refusedAgain.err().startsWith(prefix), refusedAgain.err());

        Files.delete(filler);
        String after = cluster.submit(quick);
        acknowledged.add(after);
        Files.writeString(go, "go");

        for (String id : acknowledged) {
          JsonObject step = Steps.awaitFinished(cluster, id, 1, DEADLINE).get(0);
          assertEquals("STEP_STATE_COMPLETED", Steps.state(step), id + " " + step);
          assertEquals(0, Steps.exitCode(step), id + " " + step);
        }
      }
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + spool.resolve("queue.db"));
          Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
        assertEquals("ok", rs.getString(1));
      }
    } finally {
      Files.deleteIfExists(filler);
      if (tmpfs) {
        exec("umount", spool.toString());
      }
    }
  }

  /**
   * Submits {@code file} until llsubmit is refused and returns that refusal; the jobs accepted
   * meanwhile join {@code acknowledged} (the WAL may still have room for a few commits).
   */
  private static CommandResult submitUntilRefused(TestCluster cluster, Path file, List<String> acknowledged) {
    for (int i = 0; i < MAX_FILLING_SUBMITS; i++) {
      CommandResult result = cluster.run("llsubmit", file.toString());
      if (result.exitCode() != 0) {
        return result;
      }
      acknowledged.add(jobId(result));
    }
    throw new AssertionError("every one of " + MAX_FILLING_SUBMITS + " submits was accepted on a full spool");
  }

  private static String jobId(CommandResult result) {
    String line = result.out().strip();
    int open = line.indexOf('"');
    return line.substring(open + 1, line.indexOf('"', open + 1));
  }

  /** Mounts a tmpfs of {@code size} on {@code dir}; false when this user may not. */
  private static boolean mountTmpfs(Path dir, String size) throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      return false;
    }
    return exec("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()) == 0;
  }

  private static int exec(String... command) throws Exception {
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish");
    }
    return p.exitValue();
  }

  /** Writes up to {@code bytes} into {@code file}, stopping quietly when the disk is full. */
  private static void fill(Path file, long bytes) {
    byte[] chunk = new byte[(int) MB];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      while (written < bytes) {
        out.write(chunk);
        written += chunk.length;
      }
    } catch (IOException full) {
      // ENOSPC: the disk is full, which is the point
    }
    try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
      // the last partial megabyte: fill what is left page by page
      byte[] page = new byte[4096];
      while (written < bytes) {
        out.write(page);
        written += page.length;
      }
    } catch (IOException full) {
      // full
    }
  }
}
