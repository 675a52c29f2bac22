package org.openll.negotiator.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openll.negotiator.match.Machine;
import org.openll.negotiator.match.MachineShare;

class GrantedShareTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @Test
  void machineToString_claimSecretRedacted() {
    Machine machine = new Machine("m1", "127.0.0.1:9", 2, 1024, "x86_64", "Linux", List.of(), List.of(), Map.of(),
        SECRET, 0, 0, "", "", Map.of(), "proc");
    String text = machine.toString();
    assertFalse(text.contains(SECRET), text);
    assertTrue(text.contains("name=m1") && text.contains("claimSecret=<redacted>"), text);
  }

  @Test
  void toString_claimSecretRedacted() {
    String text = new GrantedShare(new MachineShare("m1", 1, 1, Map.of(), false), "127.0.0.1:9", SECRET).toString();
    assertFalse(text.contains(SECRET), text);
    assertTrue(text.contains("claimSecret=<redacted>"), text);
  }
}
