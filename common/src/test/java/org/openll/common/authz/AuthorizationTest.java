package org.openll.common.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openll.common.control.Administrators;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;
import org.openll.common.security.Caller;

class AuthorizationTest {
  private static final Administrators ADMINS = "loadl"::equals;

  @Test
  void user_noCaller_unauthenticated() {
    OpenllException e = assertThrows(OpenllException.class, () -> Authorization.user("owner", ""));
    assertEquals(ErrorCode.UNAUTHENTICATED, e.code());
  }

  @Test
  void user_fieldEmptyOrNamingTheCaller_theCaller() {
    assertEquals("alice", TestCallers.call(TestCallers.user("alice"), () -> Authorization.user("owner", "")));
    assertEquals("alice", TestCallers.call(TestCallers.user("alice"), () -> Authorization.user("owner", "alice")));
  }

  @Test
  void user_fieldNamingSomeoneElse_permissionDeniedNamingBoth() {
    OpenllException e = assertThrows(OpenllException.class,
        () -> TestCallers.call(TestCallers.user("bob"), () -> Authorization.user("owner", "alice")));
    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
    assertEquals("authenticated as bob (client certificate), but owner names alice: bob may not act as alice",
        e.getMessage());
  }

  @Test
  void user_plaintextSwitch_theFieldIsTheClaim() {
    Caller claimed = new Caller("host 127.0.0.1", Caller.Authentication.CLAIMED_INSECURE);
    assertEquals("alice", TestCallers.call(claimed, () -> Authorization.user("owner", "alice")));
    assertEquals("host 127.0.0.1", TestCallers.call(claimed, () -> Authorization.user("owner", "")));
  }

  @Test
  void user_daemonCertificate_permissionDenied() {
    OpenllException e = assertThrows(OpenllException.class,
        () -> TestCallers.call(TestCallers.daemon("node1"), () -> Authorization.user("requester", "")));
    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
    assertTrue(e.getMessage().contains("machine node1 (a daemon certificate)"), e.getMessage());
  }

  @Test
  void checkAdministrator_otherUser_permissionDeniedNamingThem() {
    Authorization.checkAdministrator("loadl", ADMINS, "drain the schedd");
    OpenllException e = assertThrows(OpenllException.class,
        () -> Authorization.checkAdministrator("mallory", ADMINS, "drain the schedd"));
    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
    assertEquals("mallory may not drain the schedd: only an administrator in LOADL_ADMIN may", e.getMessage());
  }

  @Test
  void maySeePrivateFields_ownerAndAdministratorOnly() {
    assertTrue(Authorization.maySeePrivateFields(TestCallers.user("alice"), "alice", ADMINS));
    assertTrue(Authorization.maySeePrivateFields(TestCallers.user("loadl"), "alice", ADMINS));
    assertFalse(Authorization.maySeePrivateFields(TestCallers.user("bob"), "alice", ADMINS));
    assertFalse(Authorization.maySeePrivateFields(TestCallers.daemon("alice"), "alice", ADMINS));
  }
}
