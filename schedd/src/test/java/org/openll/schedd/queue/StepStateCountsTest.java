package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.common.state.StepState;

class StepStateCountsTest {
  @Test
  void moved_lifecycle_countsFollowTheStepAndFinishOnce() {
    StepStateCounts counts = new StepStateCounts();

    counts.moved(null, StepState.IDLE);
    counts.moved(StepState.IDLE, StepState.PENDING);
    counts.moved(StepState.PENDING, StepState.RUNNING);
    counts.moved(StepState.RUNNING, StepState.RUNNING);

    assertEquals(0, counts.inState(StepState.IDLE));
    assertEquals(1, counts.inState(StepState.RUNNING));
    assertEquals(1, counts.started());

    counts.moved(StepState.RUNNING, StepState.COMPLETED);

    assertEquals(0, counts.inState(StepState.RUNNING));
    assertEquals(0, counts.inState(StepState.COMPLETED));
    assertEquals(1, counts.finished());
  }

  @Test
  void loaded_recoveredSteps_inTheirStatesNotStarted() {
    StepStateCounts counts = new StepStateCounts();

    counts.loaded(StepState.RUNNING);
    counts.loaded(StepState.IDLE);

    assertEquals(1, counts.inState(StepState.RUNNING));
    assertEquals(1, counts.inState(StepState.IDLE));
    assertEquals(0, counts.started());
  }

  @Test
  void jobQueue_submitRunComplete_countsMatchTheQueue() {
    JobQueueTest t = new JobQueueTest();
    t.setUp();
    JobQueue queue = t.queue;
    queue.submit(JobQueueTest.job(JobQueueTest.step("a"), JobQueueTest.step("b")), "alice");
    String running = t.startedStep();
    queue.onUpdates("m1", List.of(JobQueueTest.update(running, StepState.RUNNING)));

    StepStateCounts counts = queue.counts();
    assertEquals(2, counts.inState(StepState.IDLE));
    assertEquals(1, counts.inState(StepState.RUNNING));
    assertEquals(1, counts.started());

    queue.onUpdates("m1", List.of(JobQueueTest.update(running, StepState.COMPLETED)));

    assertEquals(0, counts.inState(StepState.RUNNING));
    assertEquals(1, counts.finished());
    assertEquals(queue.query(List.of(), java.util.Set.of(), false).size(),
        counts.inState(StepState.IDLE) + counts.inState(StepState.RUNNING));
  }
}
