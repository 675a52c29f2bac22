package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
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

  private static ClaimTable offering(Map<String, Integer> classSlots, Map<String, Long> resources) {
    return new ClaimTable(new MachineIdentity("node1", 8, "s3cret"),
        new MachineOffer(MachineOffer.none(Path.of("")).site(), classSlots, resources));
  }

  @Test
  void claim_moreOfAConsumableThanFree_resourceExhaustedNamingIt() {
    ClaimTable table = offering(Map.of(), Map.of("ConsumableMemory", 1000L, "GPU", 2L));
    table.claim(permit("h.1.0", "node1", "s3cret"), new ClaimTable.Claim(1, Map.of("ConsumableMemory", 600L,
        "GPU", 1L), "", 1));

    OpenllException e = assertThrows(OpenllException.class, () -> table.claim(permit("h.2.0", "node1", "s3cret"),
        new ClaimTable.Claim(1, Map.of("ConsumableMemory", 500L), "", 1)));

    assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
    assertEquals("step h.2.0 needs ConsumableMemory(500), node1 has 400 free", e.getMessage());
    assertEquals(Map.of("ConsumableMemory", 400L, "GPU", 1L), table.freeResources());
  }

  @Test
  void claim_consumableTheMachineDoesNotOffer_resourceExhausted() {
    ClaimTable table = offering(Map.of(), Map.of());

    OpenllException e = assertThrows(OpenllException.class, () -> table.claim(permit("h.1.0", "node1", "s3cret"),
        new ClaimTable.Claim(1, Map.of("GPU", 1L), "", 1)));

    assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
  }

  @Test
  void claim_noFreeInitiatorOfItsClass_resourceExhaustedOtherClassesStillAdmitted() {
    ClaimTable table = offering(Map.of("small", 2, "large", 1), Map.of());
    table.claim(permit("h.1.0", "node1", "s3cret"), new ClaimTable.Claim(2, Map.of(), "small", 2));

    OpenllException e = assertThrows(OpenllException.class, () -> table.claim(permit("h.2.0", "node1", "s3cret"),
        new ClaimTable.Claim(1, Map.of(), "small", 1)));
    table.claim(permit("h.3.0", "node1", "s3cret"), new ClaimTable.Claim(1, Map.of(), "large", 1));

    assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
    assertEquals("step h.2.0 needs 1 initiators of class small, node1 has 0 free", e.getMessage());
    assertEquals(0, table.freeClassSlots("large"));
  }

  @Test
  void claim_classNotOffered_resourceExhausted() {
    ClaimTable table = offering(Map.of("small", 2), Map.of());

    OpenllException e = assertThrows(OpenllException.class, () -> table.claim(permit("h.1.0", "node1", "s3cret"),
        new ClaimTable.Claim(1, Map.of(), "", 1)));

    assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
  }

  @Test
  void freeClassSlots_noClassKeyword_cpusInitiatorsPerClass() {
    ClaimTable table = offering(Map.of(), Map.of());
    table.claim(permit("h.1.0", "node1", "s3cret"), new ClaimTable.Claim(1, Map.of(), "small", 3));

    assertEquals(5, table.freeClassSlots("small"));
    assertEquals(8, table.freeClassSlots("large"));
  }

  @Test
  void offer_replaced_notifiesListenersAndAdmitsAgainstIt() {
    AtomicInteger changes = new AtomicInteger();
    claims.addListener(changes::incrementAndGet);

    claims.offer(new MachineOffer(MachineOffer.none(Path.of("")).site(), Map.of(), Map.of("GPU", 1L)));
    claims.claim(permit("h.1.0", "node1", "s3cret"), new ClaimTable.Claim(1, Map.of("GPU", 1L), "", 1));

    assertEquals(2, changes.get());
    assertEquals(Map.of("GPU", 0L), claims.freeResources());
  }
}
