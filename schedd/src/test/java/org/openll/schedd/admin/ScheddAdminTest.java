package org.openll.schedd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;

class ScheddAdminTest {
  @Test
  void drain_thenResume_closesAndOpensTheSubmitGate() {
    SubmitGate gate = new SubmitGate();
    ScheddAdmin admin = new ScheddAdmin(gate, null);

    assertEquals("drained", admin.drain(List.of()));
    OpenllException e = assertThrows(OpenllException.class, gate::checkOpen);
    assertEquals(ErrorCode.FAILED_PRECONDITION, e.code());
    assertEquals("drained", admin.adminState());

    assertEquals("", admin.resume(List.of()));
    gate.checkOpen();
  }

  @Test
  void flush_onTheSchedd_failedPrecondition() {
    OpenllException e = assertThrows(OpenllException.class, () -> new ScheddAdmin(new SubmitGate(), null).flush());
    assertEquals(ErrorCode.FAILED_PRECONDITION, e.code());
  }
}
