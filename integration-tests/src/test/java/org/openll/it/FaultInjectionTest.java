package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepStatus;

/**
 * Issue 5's promises, one test each, on a personal cluster of several startds, with real kills
 * (docs/fault-tolerance.md). Every step records what it really did ({@link StepMarks}), so the
 * checks do not rest on what the daemons say alone.
 */
class FaultInjectionTest {
  /** Steps run as their owner under a root startd: the owner must exist here (the user running the tests). */
  private static final String OWNER = System.getProperty("user.name");
  /** Fast intervals; a machine is lost only after 20 s, so a restarted startd is back long before. */
  static final String CONFIG = """
      MACHINE_UPDATE_INTERVAL = 300ms
      MACHINE_TIMEOUT = 2s
      MACHINE_LOST_TIMEOUT = 20s
      SCHEDD_START_RETRY_INTERVAL = 200ms
      SCHEDD_START_RETRY_MAX = 1s
      MASTER_RESTART_DELAY = 200ms
      """;
  /** {@link #CONFIG} with a machine lost after 4 s of silence. */
  static final String LOSE_FAST = CONFIG + "MACHINE_LOST_TIMEOUT = 4s\n";
  static final Duration DEADLINE = Duration.ofSeconds(180);
  /** Submits in the schedd-kill burst; {@code -Dopenll.fault.submits=2000} for the full count. */
  static final int SUBMITS = Integer.getInteger("openll.fault.submits", 400);

  @TempDir Path root;
  private TestCluster cluster;
  private final List<ProcessHandle> frozen = new ArrayList<>();
  private final List<ProcessHandle> orphans = new ArrayList<>();

  @AfterEach
  void tearDown() {
    Kills.signal("CONT", frozen);
    orphans.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void scheddKilledDuringSubmitBurst_everyAcknowledgedStepCompletesExactlyOnceAndNoOtherStepExists() throws Exception {
    cluster = TestCluster.start(root, 3, 2, CONFIG, "");
    Path runs = Files.createDirectories(cluster.workDir().resolve("runs"));
    long began = System.nanoTime();
    try (SubmitBurst burst = new SubmitBurst(cluster, 4, SUBMITS,
        i -> tinyStep(runs, i), i -> true)) {
      Conditions.await(SUBMITS / 4 + " acknowledged submits", DEADLINE, () -> burst.acknowledgedCount() >= SUBMITS / 4);
      Kills.kill9AndAwaitRestart(cluster, Kills.SCHEDD, DEADLINE);
      burst.awaitDone(DEADLINE.toSeconds());
      // every step starts a starter JVM: give a large burst time in proportion (about 7 steps/s here)
      Map<String, StepStatus> queue = awaitAllFinished(DEADLINE.plusMillis(SUBMITS * 150L));
      System.out.printf("FaultInjectionTest burst: %d submits, %d attempts, %d unanswered, %d in queue, %.1f s%n",
          SUBMITS, burst.attempts(), burst.unanswered().size(), queue.size(), (System.nanoTime() - began) / 1e9);

      Map<String, String> acknowledged = burst.acknowledged();
      assertEquals(SUBMITS, acknowledged.size());
      Map<String, List<StepMarks.Copy>> copies = StepMarks.copies(runs);
      Set<String> lost = new TreeSet<>();
      for (String job : acknowledged.keySet()) {
        StepStatus step = queue.get(job + ".0");
        if (step == null) {
          lost.add(job);
          continue;
        }
        assertEquals(StepState.STEP_STATE_COMPLETED, step.getState(), job + " " + step.getHistoryList());
        assertEquals(1, copies.getOrDefault(step.getStepId(), List.of()).size(), step.getStepId() + " ran once");
      }
      assertEquals(Set.of(), lost, "acknowledged jobs the schedd lost");
      // no other step: a job nobody was told of must be an attempt whose answer the kill lost
      Set<String> others = queue.values().stream().filter(s -> !acknowledged.containsKey(s.getJobId()))
          .filter(s -> !burst.unanswered().contains(s.getJobName()))
          .map(StepStatus::getStepId).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(Set.of(), others, "steps nobody submitted");
      for (StepStatus s : queue.values()) {
        assertTrue(copies.getOrDefault(s.getStepId(), List.of()).size() <= 1, s.getStepId() + " ran more than once");
      }
      assertEquals(Set.of(), new TreeSet<>(copies.keySet()).stream().filter(id -> !queue.containsKey(id))
          .collect(Collectors.toSet()), "steps ran that the queue does not know");
    }
  }

  @Test
  void everyDaemonKilledInTurnWhileStepsRun_everyStepCompletesWithItsTrueExitCode() throws Exception {
    cluster = TestCluster.start(root, 3, 2, CONFIG, "");
    Path runs = Files.createDirectories(cluster.workDir().resolve("runs"));
    Path go = cluster.workDir().resolve("go");
    List<StepSpec.Builder> steps = IntStream.range(0, 6).mapToObj(i -> ScheddClient.shellStep(cluster.workDir(),
        "s" + i, StepMarks.script(runs, StepMarks.waitFor(go, false), 11 + i))).toList();
    String jobId;
    try (ScheddClient client = new ScheddClient(cluster)) {
      jobId = client.submit(OWNER, steps);
    }
    Map<String, StepStatus> running = awaitSteps("all 6 steps running", s -> s.getState() == StepState.STEP_STATE_RUNNING, 6);

    Kills.kill9AndAwaitRestart(cluster, Kills.NEGOTIATOR, DEADLINE);
    Kills.kill9AndAwaitRestart(cluster, Kills.SCHEDD, DEADLINE);
    Files.createFile(go); // the steps end while the schedd restarts and their startd dies
    Kills.kill9StartdAndAwaitRestart(cluster, running.get(jobId + ".0").getMachine(), DEADLINE);

    Map<String, StepStatus> done = awaitAllFinished(DEADLINE);
    Map<String, List<StepMarks.Copy>> copies = StepMarks.copies(runs);
    for (int i = 0; i < 6; i++) {
      StepStatus step = done.get(jobId + "." + i);
      assertEquals(StepState.STEP_STATE_COMPLETED, step.getState(), step.toString());
      assertEquals(11 + i, step.getResult().getExitCode(), step.getStepId() + " " + step.getResult());
      List<StepMarks.Copy> ran = copies.get(step.getStepId());
      assertEquals(1, ran.size(), step.getStepId() + " ran once: " + ran);
      assertEquals(ran.getFirst().machine(), step.getMachine(), step.getStepId());
    }
  }

  @Test
  void startdStoppedForGood_itsStepsCompleteOnOtherMachines() throws Exception {
    cluster = TestCluster.start(root, 3, 1, LOSE_FAST + "RESTARTS_PER_HOUR = 0\n", "");
    Path runs = Files.createDirectories(cluster.workDir().resolve("runs"));
    Path go = cluster.workDir().resolve("go");
    String jobId;
    try (ScheddClient client = new ScheddClient(cluster)) {
      jobId = client.submit(OWNER, IntStream.range(0, 2).mapToObj(i -> ScheddClient.shellStep(cluster.workDir(),
          "s" + i, StepMarks.script(runs, StepMarks.waitFor(go, false), 0))).toList());
    }
    String victim = awaitSteps("both steps running", s -> s.getState() == StepState.STEP_STATE_RUNNING, 2)
        .get(jobId + ".0").getMachine();

    // the machine dies: its startd, starters and steps; the master may not restart the startd
    List<ProcessHandle> machine = Kills.machine(cluster, victim);
    orphans.addAll(machine);
    machine.forEach(ProcessHandle::destroyForcibly);
    Conditions.await("the master to give up on startd-" + victim, Duration.ofSeconds(30),
        () -> cluster.run("llctl", "status").out().contains("startd-" + victim + ": gave up"));

    StepStatus moved = awaitSteps("step 0 running elsewhere", s -> s.getStepId().equals(jobId + ".0")
        && s.getState() == StepState.STEP_STATE_RUNNING && !s.getMachine().equals(victim), 1).get(jobId + ".0");
    assertTrue(moved.getHistoryList().stream().anyMatch(h -> h.getState() == StepState.STEP_STATE_VACATED),
        moved.getHistoryList().toString());
    Files.createFile(go);
    Map<String, StepStatus> done = awaitAllFinished(DEADLINE);
    Map<String, List<StepMarks.Copy>> copies = StepMarks.copies(runs);
    for (int i = 0; i < 2; i++) {
      StepStatus step = done.get(jobId + "." + i);
      assertEquals(StepState.STEP_STATE_COMPLETED, step.getState(), step.toString());
      assertNotEquals(victim, step.getMachine(), step.getStepId());
      List<StepMarks.Copy> ended = copies.get(step.getStepId()).stream().filter(StepMarks.Copy::ended).toList();
      assertEquals(1, ended.size(), step.getStepId() + " ended once: " + copies.get(step.getStepId()));
      assertEquals(step.getMachine(), ended.getFirst().machine());
    }
  }

  /**
   * A frozen machine's copy does not run while frozen, so the two copies never run together until
   * the resume; from the resume the old copy runs (its processes resume with its startd) until the
   * kill order reaches it, tens of milliseconds here, never longer than the kill window, and never
   * to its end. No daemon can close that window: SIGCONT wakes the step as it wakes the startd.
   */
  @Test
  void startdFrozenPastItsTimeoutThenResumed_twoCopiesNeverRunTogetherBeyondTheKillOrderAndOnlyOneCompletes() throws Exception {
    cluster = TestCluster.start(root, 2, 1, LOSE_FAST, "");
    Path runs = Files.createDirectories(cluster.workDir().resolve("runs"));
    Path go = cluster.workDir().resolve("go");
    String jobId;
    try (ScheddClient client = new ScheddClient(cluster)) {
      jobId = client.submit(OWNER, List.of(ScheddClient.shellStep(cluster.workDir(), "s",
          StepMarks.script(runs, StepMarks.waitFor(go, true), 0))));
    }
    String stepId = jobId + ".0";
    String first = awaitSteps("the step running", s -> s.getState() == StepState.STEP_STATE_RUNNING, 1)
        .get(stepId).getMachine();
    Conditions.await("the starter and its step on " + first, Duration.ofSeconds(10),
        () -> Kills.machine(cluster, first).size() >= 3);
    List<ProcessHandle> firstCopy = Kills.machine(cluster, first);
    frozen.addAll(firstCopy);
    Kills.signal("STOP", firstCopy);

    awaitSteps("the step running elsewhere", s -> s.getState() == StepState.STEP_STATE_RUNNING
        && !s.getMachine().equals(first), 1);
    Conditions.await("the second copy to start", DEADLINE, () -> StepMarks.copies(runs).getOrDefault(stepId, List.of()).size() == 2);
    long resumed = epochNanos();
    Kills.signal("CONT", firstCopy);
    frozen.clear();
    Conditions.await("the copy on " + first + " to be killed", Duration.ofSeconds(30),
        () -> firstCopy.stream().skip(1).filter(p -> !Kills.pooledStarter(p)).noneMatch(ProcessHandle::isAlive));
    Files.createFile(go);
    StepStatus step = awaitAllFinished(DEADLINE).get(stepId);
    assertEquals(StepState.STEP_STATE_COMPLETED, step.getState(), step.toString());
    assertNotEquals(first, step.getMachine());

    List<StepMarks.Copy> copies = StepMarks.copies(runs).get(stepId);
    assertEquals(2, copies.size(), copies.toString());
    StepMarks.Copy old = copies.get(0);
    StepMarks.Copy replacement = copies.get(1);
    assertEquals(first, old.machine());
    assertFalse(old.ended(), "the copy on the frozen machine was killed before it ended");
    long killWindow = Duration.ofSeconds(3).toNanos();
    System.out.printf("FaultInjectionTest frozen: the old copy's last mark came %d ms after the resume%n",
        (old.last() - resumed) / 1_000_000);
    List<Long> whileFrozen = StepMarks.read(runs).get(stepId).stream()
        .filter(m -> m.machine().equals(first) && m.nanos() >= replacement.start() && m.nanos() < resumed)
        .map(StepMarks.Mark::nanos).toList();
    assertEquals(List.of(), whileFrozen, "the old copy ran while frozen");
    assertTrue(old.last() < resumed + killWindow, "the old copy ran on for "
        + (old.last() - resumed) / 1_000_000 + " ms after the resume: not killed within the kill window");
  }

  @Test
  void negotiatorRestartedUnderLoad_noMachineWasOversubscribed() throws Exception {
    cluster = TestCluster.start(root, 3, 2, CONFIG, "");
    Path runs = Files.createDirectories(cluster.workDir().resolve("runs"));
    int total = 36;
    try (ScheddClient client = new ScheddClient(cluster)) {
      for (int i = 0; i < total; i++) {
        client.submit(OWNER, List.of(ScheddClient.shellStep(cluster.workDir(), "s",
            StepMarks.script(runs, "sleep 1", 0)).setOutput("/dev/null").setError("/dev/null")));
      }
    }
    for (int kill = 1; kill <= 2; kill++) {
      int started = kill * total / 3;
      Conditions.await(started + " steps started", DEADLINE, () -> StepMarks.read(runs).size() >= started);
      Kills.kill9AndAwaitRestart(cluster, Kills.NEGOTIATOR, DEADLINE);
    }
    Map<String, StepStatus> done = awaitAllFinished(DEADLINE);
    assertEquals(total, done.size());
    done.values().forEach(s -> assertEquals(StepState.STEP_STATE_COMPLETED, s.getState(), s.toString()));
    // a permit for CPUs in use would have been refused by the startd: the step would show a rejection
    done.values().forEach(s -> assertEquals(0, s.getRejectCount(), "rejected: " + s.getHistoryList()));
    StepMarks.copies(runs).forEach((id, c) -> assertEquals(1, c.size(), id + " ran once: " + c));
    Map<String, Integer> peaks = StepMarks.peakConcurrency(runs);
    assertEquals(3, peaks.size(), "steps ran on every machine: " + peaks);
    peaks.forEach((machine, peak) -> assertTrue(peak <= 2, machine + " ran " + peak + " steps at once on 2 CPUs"));
  }

  private static long epochNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private static StepSpec.Builder tinyStep(Path runs, int i) {
    return ScheddClient.shellStep(Path.of("/tmp"), "s",
        "echo \"end $LOADL_PROCESSOR_LIST $$ 0\" >> " + runs + "/$LOADL_STEP_ID")
        .setOutput("/dev/null").setError("/dev/null");
  }

  /** Every step, finished ones too; empty while the schedd cannot answer. */
  private Map<String, StepStatus> queue() {
    Map<String, StepStatus> steps = new TreeMap<>();
    try (ScheddClient client = new ScheddClient(cluster)) {
      client.queryAll(QueryStepsRequest.newBuilder().setIncludeFinished(true).build())
          .forEach(s -> steps.put(s.getStepId(), s));
    } catch (StatusRuntimeException | AssertionError e) {
      return Map.of();
    }
    return steps;
  }

  /** Waits until {@code count} steps match and returns them by step id. */
  private Map<String, StepStatus> awaitSteps(String what, java.util.function.Predicate<StepStatus> matches, int count) {
    Map<String, StepStatus> found = new TreeMap<>();
    Conditions.await(what, DEADLINE, () -> {
      found.clear();
      queue().values().stream().filter(matches).forEach(s -> found.put(s.getStepId(), s));
      return found.size() >= count;
    });
    return found;
  }

  /** Waits until the queue is not empty and every step in it is in a terminal state. */
  private Map<String, StepStatus> awaitAllFinished(Duration deadline) {
    Map<String, StepStatus> last = new TreeMap<>();
    try {
      Conditions.await("every step to finish", deadline, () -> {
        last.clear();
        last.putAll(queue());
        return !last.isEmpty() && last.values().stream().allMatch(s -> terminal(s.getState()));
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; steps by state: " + last.values().stream()
          .collect(Collectors.groupingBy(StepStatus::getState, TreeMap::new, Collectors.counting()))
          + "; unfinished: " + last.values().stream().filter(s -> !terminal(s.getState())).limit(3)
          .map(s -> s.getStepId() + " " + s.getMachine() + " " + s.getHistoryList()).toList(), e);
    }
    return last;
  }

  static boolean terminal(StepState state) {
    return state == StepState.STEP_STATE_COMPLETED || state == StepState.STEP_STATE_REMOVED
        || state == StepState.STEP_STATE_NOT_RUN || state == StepState.STEP_STATE_TERMINATED
        || state == StepState.STEP_STATE_CANCELED || state == StepState.STEP_STATE_SUBMISSION_ERROR;
  }
}
