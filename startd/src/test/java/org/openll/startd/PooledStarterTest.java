package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepUpdate;
import org.openll.common.admin.AdminFile;
import org.openll.common.admin.ClassLimits;

/**
 * Steps run by pooled starters, with real starter processes and a fake schedd: reuse up to
 * STARTER_MAX_STEPS, a spool folder and final record per step, and the execute side's promises
 * across a kill -9 of the startd (busy starters finish their step and are re-adopted, idle ones exit).
 */
class PooledStarterTest {
  @TempDir Path dir;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final MachineIdentity identity = new MachineIdentity("node1", 2, "s3cret");
  private final List<Startd> startds = new ArrayList<>();
  private FakeSchedd schedd;

  /** One startd process's worth of objects on the shared spool, with a pool. */
  private final class Startd {
    final ClaimTable claims = new ClaimTable(identity, MachineOffer.none(Path.of("")));
    final ScheddReporter reporter = new ScheddReporter("node1", FakeSchedd.channels(), timer,
        new ScheddReporter.Settings(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5), 100));
    final StepLauncher launcher;
    final StarterLinkServer links;

    Startd(int poolSize, int maxSteps) throws Exception {
      launcher = new StepLauncher(claims, reporter, StarterCommand.forThisJvm(), dir.resolve("spool"), "node1",
          Duration.ofMillis(500), Clock.systemUTC(), new StarterSettings(new ContainmentProbe.Choice("proc", ""),
              new ClassLimits(AdminFile.empty()), false, "", "", "", "", "", dir.resolve("notify"),
              Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(5), false),
          OwnerPolicy.asStartdUser("node1"), new StepLauncher.PoolSettings(poolSize, maxSteps));
      links = new StarterLinkServer(launcher.socket(), launcher);
      links.start();
      launcher.adopt();
      launcher.startPool();
      startds.add(this);
    }

    /** What kill -9 leaves: nothing of this startd answers any more, its starters run on. */
    void die() {
      links.abandon();
      launcher.pool().close(); // a dead startd starts no more starters
      reporter.close();
    }

    void awaitReady(int ready) throws InterruptedException {
      Conditions.await(() -> launcher.pool().counts().get(StarterPool.State.READY) == ready, 60,
          ready + " pooled starters ready");
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    schedd = new FakeSchedd();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Startd s : startds) {
      s.launcher.shutdown(Duration.ofSeconds(5));
      s.links.close();
      s.reporter.close();
    }
    schedd.close();
    timer.shutdownNow();
  }

  /** A step that prints its starter's pid (the parent of the command) into {@code STEP_ID.out}. */
  private StartStepRequest request(String stepId, String script) {
    return StartStepRequests.of(dir, schedd.name, stepId, "/bin/sh", List.of("-c", "echo $PPID; " + script));
  }

  private Path out(String stepId) {
    return dir.resolve(stepId + ".out");
  }

  private long starterOf(String stepId) throws Exception {
    return Long.parseLong(Files.readAllLines(out(stepId)).getFirst().trim());
  }

  private List<StepUpdate> updatesOf(String stepId) {
    return schedd.committed().stream().filter(u -> u.getStepId().equals(stepId)).toList();
  }

  private boolean finished(String stepId) {
    return updatesOf(stepId).stream().anyMatch(u -> u.getState() == StepState.STEP_STATE_COMPLETED
        || u.getState() == StepState.STEP_STATE_REMOVED || u.getState() == StepState.STEP_STATE_TERMINATED);
  }

  private void runToEnd(Startd startd, String stepId, String script) throws Exception {
    startd.launcher.start(request(stepId, script));
    Conditions.await(() -> finished(stepId) && startd.launcher.runningSteps().isEmpty(), 60, stepId + " finished");
  }

  @Test
  void pooledStarter_servesStepsInTurnUpToMaxStepsThenIsReplaced() throws Exception {
    Startd startd = new Startd(1, 2);
    startd.awaitReady(1);

    runToEnd(startd, "h.1.0", "exit 3");
    startd.awaitReady(1);
    runToEnd(startd, "h.1.1", "exit 4");
    startd.awaitReady(1);
    runToEnd(startd, "h.1.2", "exit 5");

    assertEquals(starterOf("h.1.0"), starterOf("h.1.1"), "the second step ran in the same starter");
    assertNotEquals(starterOf("h.1.1"), starterOf("h.1.2"), "after 2 steps the starter was retired");
    long first = starterOf("h.1.0");
    Conditions.await(() -> ProcessHandle.of(first).map(p -> !p.isAlive()).orElse(true), 30, "the retired starter exits");
    for (String step : List.of("h.1.0", "h.1.1", "h.1.2")) {
      List<StepState> states = updatesOf(step).stream().map(StepUpdate::getState).toList();
      assertEquals(List.of(StepState.STEP_STATE_RUNNING, StepState.STEP_STATE_COMPLETE_PENDING,
          StepState.STEP_STATE_COMPLETED), states, step);
      // the startd deletes the folder just after the step leaves its running steps
      Conditions.await(() -> !Files.exists(dir.resolve("spool").resolve(step)), 10, "the step's own folder is gone after it");
    }
    assertEquals(List.of(3, 4, 5), List.of("h.1.0", "h.1.1", "h.1.2").stream()
        .map(s -> updatesOf(s).getLast().getResult().getExitCode()).toList());
    Conditions.await(() -> startd.claims.freeCpus() == 2, 10, "CPUs freed");
  }

  @Test
  void pooledStarter_stepDiagnosticsGoToTheStepsOwnStarterLog_aStepWithNoneHasNoLog() throws Exception {
    Startd startd = new Startd(1, 100);
    startd.awaitReady(1);
    // the folder goes once the final update is acknowledged: look at the log as the schedd gets it
    java.util.Map<String, String> logAtFinal = new java.util.concurrent.ConcurrentHashMap<>();
    schedd.listener = u -> {
      if (u.getState() == StepState.STEP_STATE_COMPLETED || u.getState() == StepState.STEP_STATE_REMOVED) {
        Path log = dir.resolve("spool").resolve(u.getStepId()).resolve("starter.log");
        try {
          if (Files.exists(log)) {
            logAtFinal.put(u.getStepId() + " mode",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
          }
        } catch (java.io.IOException e) {
          logAtFinal.put(u.getStepId() + " mode", e.toString());
        }
        logAtFinal.put(u.getStepId(), Files.exists(log) ? read(log) : "(no starter.log)"); // last: the test waits for it
      }
    };
    runToEnd(startd, "h.2.0", "exit 0");
    // the fake schedd records an update before it calls the listener
    Conditions.await(() -> logAtFinal.containsKey("h.2.0"), 10, "the listener saw h.2.0's final update");
    assertEquals("(no starter.log)", logAtFinal.get("h.2.0"), "a step whose starter had nothing to say");

    startd.awaitReady(1);
    startd.launcher.start(request("h.2.1", "sleep 30"));
    Conditions.await(() -> updatesOf("h.2.1").stream().anyMatch(u -> u.getState() == StepState.STEP_STATE_RUNNING),
        60, "running");
    startd.launcher.cancel("h.2.1", "test");
    Conditions.await(() -> finished("h.2.1"), 30, "removed");
    assertEquals(StepState.STEP_STATE_REMOVED, updatesOf("h.2.1").getLast().getState());
    Conditions.await(() -> logAtFinal.containsKey("h.2.1"), 10, "the listener saw h.2.1's final update");
    assertTrue(logAtFinal.get("h.2.1").contains("starter: cancel (test): terminating the step"), logAtFinal.get("h.2.1"));
    assertEquals("rw-------", logAtFinal.get("h.2.1 mode"), "the step's folder lets its owner in; its log is root's");
  }

  @Test
  void killedStartd_busyPooledStarterFinishesItsStepAndIsReadopted_idleOneExits() throws Exception {
    Startd before = new Startd(2, 100);
    before.awaitReady(2);
    before.launcher.start(request("h.3.0", "sleep 2; exit 7"));
    Conditions.await(() -> updatesOf("h.3.0").stream().anyMatch(u -> u.getState() == StepState.STEP_STATE_RUNNING),
        60, "running");
    long busy = starterOf("h.3.0");
    List<ProcessHandle> idle = ProcessHandle.current().children()
        .filter(p -> p.pid() != busy && p.info().arguments().map(a -> List.of(a).contains("--pool")).orElse(false))
        .toList();
    assertEquals(1, idle.size(), "one idle pooled starter besides the busy one");

    before.die();
    Conditions.await(() -> idle.stream().noneMatch(ProcessHandle::isAlive), 30, "the idle starter exits by itself");
    assertTrue(ProcessHandle.of(busy).map(ProcessHandle::isAlive).orElse(false), "the busy one runs its step on");

    Startd after = new Startd(0, 100);
    assertEquals(List.of("h.3.0"), after.launcher.runningSteps());
    Conditions.await(() -> finished("h.3.0"), 30, "final relayed to the new startd");
    StepUpdate last = updatesOf("h.3.0").getLast();
    assertEquals(StepState.STEP_STATE_COMPLETED, last.getState());
    assertEquals(7, last.getResult().getExitCode());
    Conditions.await(() -> ProcessHandle.of(busy).map(p -> !p.isAlive()).orElse(true), 30,
        "the busy starter exits after its step: its pool went with the old startd");
    Conditions.await(() -> after.claims.freeCpus() == 2, 10, "CPUs freed");
  }

  @Test
  void shutdown_leavesNoPooledStarterBehind() throws Exception {
    Startd startd = new Startd(2, 100);
    startd.awaitReady(2);
    List<ProcessHandle> pooled = ProcessHandle.current().children()
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains("--pool")).orElse(false)).toList();
    assertEquals(2, pooled.size());

    startd.launcher.shutdown(Duration.ofSeconds(5));

    Conditions.await(() -> pooled.stream().noneMatch(ProcessHandle::isAlive), 30, "pooled starters gone");
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
