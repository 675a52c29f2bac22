package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.StepLaunch;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;
import org.openll.starter.UserAccounts;

class OwnerPolicyTest {
  @TempDir Path dir;
  private UserAccounts accounts;

  @BeforeEach
  void setUp() throws IOException {
    Path passwd = dir.resolve("passwd");
    Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\n");
    accounts = new UserAccounts(passwd);
  }

  private static StepLaunch of(String owner) {
    return StepLaunch.newBuilder().setStepId("h.1.0").setOwner(owner).build();
  }

  @Test
  void check_runAsOwnerAndUnknownOwner_invalidArgumentNamingUserAndMachine() {
    OwnerPolicy policy = new OwnerPolicy(true, true, accounts, "node1");

    OpenllException e = assertThrows(OpenllException.class, () -> policy.check(of("zed")));

    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals("user zed unknown on node1", e.getMessage());
  }

  @Test
  void check_runAsOwnerAndKnownOwner_passes() {
    assertDoesNotThrow(() -> new OwnerPolicy(true, false, accounts, "node1").check(of("alice")));
  }

  @Test
  void check_rootJobsNotAllowed_refusesRoot() {
    OpenllException e = assertThrows(OpenllException.class,
        () -> new OwnerPolicy(true, false, accounts, "node1").check(of("root")));

    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals("jobs of root (uid 0) do not run on node1 (ALLOW_ROOT_JOBS = false)", e.getMessage());
  }

  @Test
  void check_rootJobsAllowed_passesRoot() {
    assertDoesNotThrow(() -> new OwnerPolicy(true, true, accounts, "node1").check(of("root")));
  }

  @Test
  void check_startdUser_checksNothing() {
    assertDoesNotThrow(() -> OwnerPolicy.asStartdUser("node1").check(of("zed")));
  }

  @Test
  void allowRootJobs_defaultTrue_falseAndGarbageRefused() {
    assertTrue(OwnerPolicy.allowRootJobs(LoadLConfig.empty()));
    assertFalse(OwnerPolicy.allowRootJobs(LoadLConfig.parse(List.of("ALLOW_ROOT_JOBS = false"), "LoadL_config")));
    ConfigException e = assertThrows(ConfigException.class,
        () -> OwnerPolicy.allowRootJobs(LoadLConfig.parse(List.of("ALLOW_ROOT_JOBS = maybe"), "LoadL_config")));
    assertEquals("LoadL_config: ALLOW_ROOT_JOBS = maybe: not true or false", e.getMessage());
  }
}
