package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.Permit;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;

class ClaimTableTest {
  private final MachineIdentity identity = new MachineIdentity("node1", 4, "s3cret");
  private final ClaimTable claims = new ClaimTable(identity);

  static Permit permit(String stepId, String machine, String secret) {
    return Permit.newBuilder().setStepId(stepId).setMachine(machine).setClaimSecret(secret).setCpus(1).build();
  }

  @Test
  void claim_wrongSecret_permissionDenied() {
    OpenllException e = assertThrows(OpenllException.class, () -> claims.claim(permit("h.1.0", "node1", "old"), 1));
    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
  }

  @Test
  void claim_otherMachine_permissionDenied() {
    OpenllException e = assertThrows(OpenllException.class, () -> claims.claim(permit("h.1.0", "node2", "s3cret"), 1));
    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
  }

  @Test
  void claim_sameStepTwice_alreadyExists() {
    claims.claim(permit("h.1.0", "node1", "s3cret"), 1);
    OpenllException e = assertThrows(OpenllException.class, () -> claims.claim(permit("h.1.0", "node1", "s3cret"), 1));
    assertEquals(ErrorCode.ALREADY_EXISTS, e.code());
  }

  @Test
  void claim_adoptedStepWithAnEarlierSecret_alreadyExistsNotDenied() {
    claims.adopt("h.1.0", 1);

    OpenllException e = assertThrows(OpenllException.class, () -> claims.claim(permit("h.1.0", "node1", "old"), 1));

    assertEquals(ErrorCode.ALREADY_EXISTS, e.code());
  }

  @Test
  void claim_moreThanFreeCpus_resourceExhaustedUntilReleased() {
    claims.claim(permit("h.1.0", "node1", "s3cret"), 3);
    OpenllException e = assertThrows(OpenllException.class, () -> claims.claim(permit("h.2.0", "node1", "s3cret"), 2));
    assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());

    claims.release("h.1.0");
    claims.claim(permit("h.2.0", "node1", "s3cret"), 2);

    assertEquals(Map.of("h.2.0", 2), claims.snapshot());
    assertEquals(2, claims.freeCpus());
  }

  @Test
  void claimAndRelease_notifyListeners_refusedClaimDoesNot() {
    AtomicInteger changes = new AtomicInteger();
    claims.addListener(changes::incrementAndGet);

    claims.claim(permit("h.1.0", "node1", "s3cret"), 1);
    assertThrows(OpenllException.class, () -> claims.claim(permit("h.1.0", "node1", "s3cret"), 1));
    claims.release("h.1.0");
    claims.release("h.1.0");

    assertEquals(2, changes.get());
  }
}
