package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MachineIdentityTest {
  @Test
  void toString_claimSecretRedacted() {
    String secret = MachineIdentity.newClaimSecret();
    String text = new MachineIdentity("m1", 2, secret).toString();
    assertFalse(text.contains(secret), text);
    assertTrue(text.contains("machine=m1") && text.contains("claimSecret=<redacted>"), text);
  }
}
