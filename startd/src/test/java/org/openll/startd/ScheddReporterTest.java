package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepUpdate;

class ScheddReporterTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private FakeSchedd schedd;
  private ScheddReporter reporter;

  @AfterEach
  void tearDown() {
    reporter.close();
    schedd.close();
    timer.shutdownNow();
  }

  private void start() throws Exception {
    schedd = new FakeSchedd();
    reporter = new ScheddReporter("node1", FakeSchedd.channels(), timer,
        new ScheddReporter.Settings(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5), 100));
  }

  private static StepUpdate update(String step, StepState state) {
    return StepUpdate.newBuilder().setStepId(step).setState(state).build();
  }

  @Test
  void report_scheddRefusesTwice_retriesAndDeliversInOrderThenAcknowledges() throws Exception {
    start();
    schedd.failuresLeft.set(2);
    List<String> acknowledged = new CopyOnWriteArrayList<>();

    reporter.report(schedd.name, update("h.1.0", StepState.STEP_STATE_RUNNING), () -> acknowledged.add("running"));
    reporter.report(schedd.name, update("h.1.0", StepState.STEP_STATE_COMPLETE_PENDING), () -> acknowledged.add("cp"));
    reporter.report(schedd.name, update("h.1.0", StepState.STEP_STATE_COMPLETED), () -> acknowledged.add("done"));
    Conditions.await(() -> acknowledged.size() == 3, 10, "three acknowledgments");

    assertEquals(List.of("running", "cp", "done"), acknowledged);
    assertEquals(List.of(StepState.STEP_STATE_RUNNING, StepState.STEP_STATE_COMPLETE_PENDING,
        StepState.STEP_STATE_COMPLETED), schedd.committed().stream().map(StepUpdate::getState).toList());
    assertTrue(reporter.idle());
  }

  @Test
  void report_queuedWhileRetrying_sentAsOneBatch() throws Exception {
    start();
    schedd.failuresLeft.set(1);
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch timerHeld = new java.util.concurrent.CountDownLatch(1);
    timer.execute(() -> {
      try {
        timerHeld.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    for (int i = 0; i < 5; i++) { // the first call fails; its retry waits behind the held timer
      reporter.report(schedd.name, update("h." + i + ".0", StepState.STEP_STATE_RUNNING), () -> acknowledged.add("x"));
    }
    timerHeld.countDown();
    Conditions.await(() -> acknowledged.size() == 5, 10, "five acknowledgments");

    assertEquals(List.of(5), schedd.batchSizes());
    assertEquals(List.of("h.0.0", "h.1.0", "h.2.0", "h.3.0", "h.4.0"),
        schedd.committed().stream().map(StepUpdate::getStepId).toList());
  }
}
