package org.openll.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerAuthorizerTest {
  @TempDir Path root;

  private static Optional<PeerIdentity> peer(String unit, String name) {
    return Optional.of(PeerIdentity.fromSubject("CN=" + name + ",OU=" + unit + ",O=openll"));
  }

  @Test
  void rolePolicy_reservedMethods_onlyTheirRole() {
    assertTrue(RolePolicy.allows(Optional.of(Role.STARTD), "openll.v1.Negotiator/StartdSession"));
    assertTrue(RolePolicy.allows(Optional.of(Role.STARTD), "openll.v1.Schedd/ReportStepUpdates"));
    assertTrue(RolePolicy.allows(Optional.of(Role.SCHEDD), "openll.v1.Negotiator/ScheddSession"));
    assertTrue(RolePolicy.allows(Optional.of(Role.SCHEDD), "openll.v1.Startd/StartStep"));
    assertTrue(RolePolicy.allows(Optional.of(Role.SCHEDD), "openll.v1.Startd/CancelStep"));
    for (Role role : Role.values()) {
      assertEquals(role == Role.STARTD, RolePolicy.allows(Optional.of(role), "openll.v1.Negotiator/StartdSession"));
      assertEquals(role == Role.SCHEDD, RolePolicy.allows(Optional.of(role), "openll.v1.Negotiator/ScheddSession"));
      assertEquals(role == Role.SCHEDD, RolePolicy.allows(Optional.of(role), "openll.v1.Startd/StartStep"));
      assertTrue(RolePolicy.allows(Optional.of(role), "openll.v1.Schedd/QuerySteps"));
      assertTrue(RolePolicy.allows(Optional.of(role), "openll.v1.DaemonControl/Status"));
    }
    assertEquals(false, RolePolicy.allows(Optional.empty(), "openll.v1.Schedd/QuerySteps"));
  }

  @Test
  void refusal_startdOpeningScheddSession_namesTheSubject() {
    PeerAuthorizer authorizer = new PeerAuthorizer("negotiator", new MachineList(root.resolve("LoadL_config"), root.resolve("LoadL_admin")));
    String why = authorizer.refusal(peer("startd", "node1"), "openll.v1.Negotiator/ScheddSession").orElseThrow();
    assertTrue(why.contains("OU=startd") && why.contains("not a schedd certificate"), why);
    assertEquals(Optional.empty(), authorizer.refusal(peer("startd", "node1"), "openll.v1.Negotiator/StartdSession"));
    assertEquals(Optional.empty(), authorizer.refusal(peer("client", "alice"), "openll.v1.Schedd/SubmitJob"));
  }

  @Test
  void refusal_certificateWithoutRole_refusedEverything() {
    PeerAuthorizer authorizer = new PeerAuthorizer("schedd", new MachineList(root.resolve("LoadL_config"), root.resolve("LoadL_admin")));
    assertTrue(authorizer.refusal(peer("sales", "bob"), "openll.v1.Schedd/QuerySteps").orElseThrow()
        .contains("names no openll role"));
    assertTrue(authorizer.refusal(Optional.empty(), "openll.v1.Schedd/QuerySteps").isPresent());
  }

  @Test
  void refusal_machineAuthenticate_unlistedStartdOrScheddRefused_clientsNot() throws Exception {
    Path admin = root.resolve("LoadL_admin");
    PeerAuthorizer authorizer = new PeerAuthorizer("negotiator", new MachineList(root.resolve("LoadL_config"), admin));
    assertEquals(Optional.empty(), authorizer.refusal(peer("startd", "rogue"), "openll.v1.Negotiator/StartdSession"));

    Files.writeString(admin, "default: type = machine\n\nnode1: type = machine\n\ncm: type = machine\n");
    assertEquals(Optional.empty(), authorizer.refusal(peer("startd", "rogue"), "openll.v1.Negotiator/StartdSession"),
        "a personal cluster's stanzas are settings, not a list");
    Files.writeString(root.resolve("LoadL_config"), "MACHINE_AUTHENTICATE = true\n");
    assertEquals(Optional.empty(), authorizer.refusal(peer("startd", "node1"), "openll.v1.Negotiator/StartdSession"));
    assertEquals(Optional.empty(), authorizer.refusal(peer("schedd", "cm"), "openll.v1.Negotiator/ScheddSession"));
    String why = authorizer.refusal(peer("startd", "rogue"), "openll.v1.Negotiator/StartdSession").orElseThrow();
    assertTrue(why.contains("machine rogue has no machine stanza"), why);
    assertTrue(authorizer.refusal(peer("schedd", "default"), "openll.v1.Schedd/QuerySteps").isPresent());
    assertEquals(Optional.empty(), authorizer.refusal(peer("client", "rogue"), "openll.v1.Schedd/QuerySteps"));
  }
}
