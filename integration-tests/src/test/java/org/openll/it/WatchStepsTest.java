package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StepEvent;
import org.openll.api.v1.StepState;
import org.openll.api.v1.WatchStepsRequest;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;

/** WatchSteps against the real daemons: a 2-step job followed to Completed, with a reconnect in the middle. */
class WatchStepsTest {
  private static final long DEADLINE_SECONDS = 90;

  @TempDir static Path root;
  static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(root, 1, 2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static ManagedChannel channel() {
    String address = new ClusterHome(cluster.home()).readAddress("schedd")
        .orElseThrow(() -> new AssertionError("no run/schedd.addr"));
    return Channels.open(HostPort.parse(address), org.openll.common.security.ClusterTls.forCurrentUser(new ClusterHome(cluster.home())));
  }

  private static Iterator<StepEvent> watch(ManagedChannel channel, WatchStepsRequest request) {
    return ScheddGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).watchSteps(request);
  }

  /** Reads changes until both steps of the job are Completed; returns them. */
  private static List<StepEvent> untilCompleted(Iterator<StepEvent> events, Map<String, StepState> states) {
    List<StepEvent> changes = new ArrayList<>();
    while (!bothCompleted(states)) {
      StepEvent event = events.next();
      if (!event.getSnapshot() && !event.getSnapshotComplete()) {
        changes.add(event);
      }
      if (event.hasStep()) {
        states.put(event.getStep().getStepId(), event.getStep().getState());
      }
    }
    return changes;
  }

  private static boolean bothCompleted(Map<String, StepState> states) {
    return states.size() == 2 && states.values().stream().allMatch(s -> s == StepState.STEP_STATE_COMPLETED);
  }

  private static List<Long> sequences(List<StepEvent> events) {
    return events.stream().map(StepEvent::getSequence).toList();
  }

  @Test
  void twoStepJob_watchedToCompleted_resumeMissesNothingAndRepeatsNothing() throws Exception {
    ManagedChannel fullChannel = channel();
    ManagedChannel firstChannel = channel();
    ManagedChannel resumedChannel = channel();
    try {
      Iterator<StepEvent> full = watch(fullChannel, WatchStepsRequest.getDefaultInstance());
      Iterator<StepEvent> first = watch(firstChannel, WatchStepsRequest.getDefaultInstance());
      assertTrue(full.next().getSnapshotComplete(), "an empty queue: the marker comes first");
      assertTrue(first.next().getSnapshotComplete());

      Path file = cluster.writeJobFile("two.cmd", """
          # @ executable = /bin/sh
          # @ arguments = -c "sleep 2"
          # @ queue
          # @ queue
          """);
      String jobId = cluster.submit(file);
      CompletableFuture<CommandResult> llq = CompletableFuture.supplyAsync(() -> cluster.run("llq", "-W", "-j", jobId));
      CompletableFuture<List<StepEvent>> fullChanges =
          CompletableFuture.supplyAsync(() -> untilCompleted(full, new HashMap<>()));

      // the first watcher reads two changes (both steps submitted), then its connection drops
      Map<String, StepState> states = new HashMap<>();
      List<StepEvent> seen = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        StepEvent event = first.next();
        seen.add(event);
        states.put(event.getStep().getStepId(), event.getStep().getState());
      }
      Channels.close(firstChannel);
      Iterator<StepEvent> resumed = watch(resumedChannel,
          WatchStepsRequest.newBuilder().setResumeToken(seen.get(1).getResumeToken()).build());
      seen.addAll(untilCompleted(resumed, states));

      List<StepEvent> everything = fullChanges.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
      assertEquals(sequences(everything), sequences(seen), "the reconnected watcher saw exactly what the other saw");
      assertEquals(jobId + ".0", everything.get(0).getStep().getStepId());
      assertEquals(StepState.STEP_STATE_IDLE, everything.get(0).getStep().getState());
      for (int i = 1; i < everything.size(); i++) {
        assertEquals(everything.get(i - 1).getSequence() + 1, everything.get(i).getSequence(), "no gap");
      }

      CommandResult watched = llq.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
      assertEquals(0, watched.exitCode(), watched.err());
      String[] lines = watched.out().strip().split("\n");
      assertTrue(watched.out().contains(jobId + ".0 Completed") && watched.out().contains(jobId + ".1 Completed"),
          watched.out());
      assertTrue(lines[lines.length - 1].matches("\\d\\d:\\d\\d:\\d\\d " + java.util.regex.Pattern.quote(jobId)
          + "\\.[01] Completed.*"), lines[lines.length - 1]);
    } finally {
      Channels.close(fullChannel);
      Channels.close(firstChannel);
      Channels.close(resumedChannel);
    }
  }
}
