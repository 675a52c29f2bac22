package org.openll.schedd.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.openll.common.state.StepState;

class StoredStepTest {
  @Test
  void compact_waitingStep_keepsTheEncodingAndAnswersTheSameStatus() {
    StoredStep idle = SqliteJobStoreTest.step(1, 0, "alice", StepState.IDLE);

    StoredStep compact = idle.compact();

    assertNotSame(idle, compact);
    assertSame(compact, compact.compact());
    assertEquals(idle.status(), compact.status());
    assertArrayEquals(idle.status().toByteArray(), compact.encodedStatus());
    assertEquals(StepState.IDLE, compact.state());
    assertEquals("alice", compact.owner());
    assertEquals("h.1.0", compact.stepId());
    assertEquals(idle, compact);
  }

  @Test
  void compact_dispatchedStep_staysDecoded() {
    StoredStep running = SqliteJobStoreTest.step(1, 0, "alice", StepState.RUNNING);

    assertSame(running, running.compact());
  }

  @Test
  void with_compactStepThatStarts_isDecodedAgainByCompact() {
    StoredStep compact = SqliteJobStoreTest.step(1, 0, "alice", StepState.IDLE).compact();
    StoredStep pending = compact.with(compact.status().toBuilder()
        .setState(org.openll.api.v1.StepState.STEP_STATE_PENDING).build());

    assertSame(pending, pending.compact());
    assertEquals(StepState.PENDING, pending.state());
  }
}
