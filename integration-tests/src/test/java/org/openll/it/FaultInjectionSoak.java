package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepStatus;

/**
 * The long version of {@link FaultInjectionTest}: for {@code openll.soak.duration} (default a
 * quarter of an hour) two clients submit tiny steps while a daemon chosen at random (negotiator,
 * schedd or one of three startds) that has been up at least {@code openll.soak.minUptime}
 * (default 15 s) gets {@code kill -9} every {@code openll.soak.killEvery} (default 1 s, as fast as
 * the daemons come back). Then the kills stop and every acknowledged step must
 * have completed, exactly once unless the schedd vacated it (restart = yes), and no step nobody
 * submitted may exist.
 *
 * <p>Not a {@code *Test}: run only with {@code ./mvnw -o -pl integration-tests -am verify -Psoak}
 * (docs/fault-tolerance.md).
 */
class FaultInjectionSoak {
  private static final Duration DURATION = Duration.parse(System.getProperty("openll.soak.duration", "PT15M"));
  private static final Duration KILL_EVERY = Duration.parse(System.getProperty("openll.soak.killEvery", "PT1S"));
  private static final Duration MIN_UPTIME = Duration.parse(System.getProperty("openll.soak.minUptime", "PT15S"));
  private static final int BACKLOG = 40;
  private static final Duration SETTLE = Duration.ofMinutes(5);

  @TempDir Path root;

  @Test
  void randomDaemonKilledAsSoonAsItIsBack_everyAcknowledgedStepCompletesAndNoOtherStepExists()
      throws Exception {
    TestCluster cluster = TestCluster.start(root, 3, 2,
        FaultInjectionTest.CONFIG + "RESTARTS_PER_HOUR = 1000000\n", "");
    ExecutorService killer = Executors.newSingleThreadExecutor();
    try {
      Path runs = Files.createDirectories(cluster.workDir().resolve("runs"));
      AtomicInteger started = new AtomicInteger();
      Map<String, Integer> kills = new TreeMap<>();
      long began = System.nanoTime();
      try (SubmitBurst burst = new SubmitBurst(cluster, 2, Integer.MAX_VALUE,
          i -> ScheddClient.shellStep(Path.of("/tmp"), "s",
              "echo \"end $LOADL_PROCESSOR_LIST $$ 0\" >> " + runs + "/$LOADL_STEP_ID")
              .setOutput("/dev/null").setError("/dev/null"),
          i -> i < started.updateAndGet(r -> countFiles(runs)) + BACKLOG)) {
        Future<?> killing = killer.submit(() -> {
          Random random = new Random(42);
          List<String> targets = List.of(Kills.NEGOTIATOR, Kills.SCHEDD, Kills.STARTD);
          while (System.nanoTime() - began < DURATION.toNanos()) {
            String target = targets.get(random.nextInt(targets.size()));
            List<ProcessHandle> candidates = ProcessHandle.of(cluster.masterPid()).stream()
                .flatMap(ProcessHandle::children)
                .filter(p -> TestCluster.commandLine(p).stream().anyMatch(a -> a.contains(target)))
                .filter(p -> p.info().startInstant().map(t -> t.plus(MIN_UPTIME).isBefore(Instant.now())).orElse(true))
                .toList();
            if (!candidates.isEmpty()) {
              ProcessHandle victim = candidates.get(random.nextInt(candidates.size()));
              victim.destroyForcibly();
              kills.merge(target.substring(target.lastIndexOf('.') + 1), 1, Integer::sum);
            }
            TimeUnit.NANOSECONDS.sleep(KILL_EVERY.toNanos()); // the fault rate, not a wait for a condition
          }
          return null;
        });
        killing.get(DURATION.toSeconds() + 60, TimeUnit.SECONDS);
        burst.stop();
        int ranWhileKilling = countFiles(runs);
        burst.awaitDone(SETTLE.toSeconds());

        Map<String, StepStatus> queue = new TreeMap<>();
        try {
          Conditions.await("every step to finish after the kills stopped", SETTLE, () -> {
            queue.clear();
            try (ScheddClient client = new ScheddClient(cluster)) {
              client.queryAll(QueryStepsRequest.newBuilder().setIncludeFinished(true).build())
                  .forEach(s -> queue.put(s.getStepId(), s));
            } catch (StatusRuntimeException e) {
              return false;
            }
            return queue.values().stream().allMatch(s -> FaultInjectionTest.terminal(s.getState()));
          });
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "; steps by state: " + queue.values().stream()
              .collect(Collectors.groupingBy(StepStatus::getState, TreeMap::new, Collectors.counting()))
              + "; unfinished: " + queue.values().stream().filter(s -> !FaultInjectionTest.terminal(s.getState()))
              .limit(3).map(s -> s.getStepId() + " " + s.getHistoryList()).toList(), e);
        }
        Map<String, String> acknowledged = burst.acknowledged();
        Map<String, List<StepMarks.Copy>> copies = StepMarks.copies(runs);
        int total = kills.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("FaultInjectionSoak: %s, %d kills %s, %d acknowledged submits (%d attempts, %d unanswered),"
            + " %d steps in the queue (%d ran while the kills went on), %d ran more than once (vacated), %.0f s in all%n",
            DURATION, total, kills, acknowledged.size(), burst.attempts(), burst.unanswered().size(), queue.size(),
            ranWhileKilling,
            copies.values().stream().filter(c -> c.size() > 1).count(), (System.nanoTime() - began) / 1e9);

        Set<String> lost = acknowledged.keySet().stream().filter(job -> !queue.containsKey(job + ".0"))
            .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), lost, "acknowledged jobs the schedd lost");
        for (String job : acknowledged.keySet()) {
          StepStatus step = queue.get(job + ".0");
          assertEquals(StepState.STEP_STATE_COMPLETED, step.getState(), job + " " + step.getHistoryList());
        }
        Set<String> others = queue.values().stream().filter(s -> !acknowledged.containsKey(s.getJobId()))
            .filter(s -> !burst.unanswered().contains(s.getJobName()))
            .map(StepStatus::getStepId).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), others, "steps nobody submitted");
        for (StepStatus s : queue.values()) {
          List<StepMarks.Copy> ran = copies.getOrDefault(s.getStepId(), List.of());
          boolean vacated = s.getHistoryList().stream().anyMatch(h -> h.getState() == StepState.STEP_STATE_VACATED);
          assertTrue(ran.size() <= 1 || vacated, s.getStepId() + " ran " + ran.size() + " times, never vacated: "
              + s.getHistoryList());
        }
        assertTrue(total > 0 && !acknowledged.isEmpty(), "the soak killed and submitted something");
      }
    } finally {
      killer.shutdownNow();
      cluster.close();
    }
  }

  private static int countFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return (int) files.count();
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
