package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.StepStatus;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.config.SchedulingConfig.RejectAction;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;
import org.openll.schedd.store.StoredStep;

class PermissionsTest {
  static final SchedulingConfig ROOT_ADMIN = Admin.scheduling(-1, RejectAction.HOLD, "root");
  static final List<StoredStep> ALICES = List.of(new StoredStep(1, 0,
      StepStatus.newBuilder().setStepId("n.1.0").setOwner("alice").build()));

  @Test
  void checkOwner_someoneElse_permissionDeniedNamingTheStep() {
    OpenllException e = assertThrows(OpenllException.class,
        () -> Permissions.checkOwner(ALICES, "bob", ROOT_ADMIN, "hold"));
    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
    assertEquals("step n.1.0 belongs to alice: bob may not hold it (only its owner or an administrator in LOADL_ADMIN)",
        e.getMessage());
  }

  @Test
  void checkOwner_ownerOrAdministrator_allowed() {
    Permissions.checkOwner(ALICES, "alice", ROOT_ADMIN, "hold");
    Permissions.checkOwner(ALICES, "root", ROOT_ADMIN, "hold");
  }

  @Test
  void checkHoldType_systemHoldByAUser_permissionDenied() {
    assertThrows(OpenllException.class,
        () -> Permissions.checkHoldType(HoldType.HOLD_TYPE_SYSTEM, "alice", ROOT_ADMIN, "place"));
    Permissions.checkHoldType(HoldType.HOLD_TYPE_USER, "alice", ROOT_ADMIN, "place");
    Permissions.checkHoldType(HoldType.HOLD_TYPE_USERSYS, "root", ROOT_ADMIN, "place");
  }
}
