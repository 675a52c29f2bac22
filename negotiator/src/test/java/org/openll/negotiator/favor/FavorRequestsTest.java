package org.openll.negotiator.favor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.admin.AdminConfig;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;
import org.openll.negotiator.TestPolicies;
import org.openll.negotiator.policy.PolicyFiles;
import org.openll.negotiator.policy.PolicyInputs;

class FavorRequestsTest {
  private final PolicyInputs inputs = PolicyInputs.fixed(new PolicyFiles(
      TestPolicies.config(0, Duration.ofHours(168), Set.of("root")), AdminConfig.empty()));

  @Test
  void favor_byAdministrator_addsAndRemoves_durableAcrossRestart(@TempDir Path spool) throws Exception {
    Path file = spool.resolve("negotiator").resolve(FavorList.FILE_NAME);
    FavorRequests requests = new FavorRequests(new FavorList(file), inputs);
    requests.favor("root", List.of("h.1", "h.2.0"), List.of("bob"), false);
    FavorList.Favored favored = requests.favor("root", List.of("h.1"), List.of(), true);
    assertEquals(Set.of("h.2.0"), favored.steps());

    FavorList reloaded = new FavorList(file);

    assertEquals(new FavorList.Favored(Set.of("h.2.0"), Set.of("bob")), reloaded.favored());
  }

  @Test
  void favor_byOtherUser_permissionDenied_nothingChanges(@TempDir Path spool) throws Exception {
    FavorList list = new FavorList(spool.resolve(FavorList.FILE_NAME));
    FavorRequests requests = new FavorRequests(list, inputs);
    OpenllException e = assertThrows(OpenllException.class,
        () -> requests.favor("alice", List.of("h.1"), List.of(), false));
    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
    assertEquals(Set.of(), list.favored().steps());
  }

  @Test
  void favor_withoutRequester_invalidArgument(@TempDir Path spool) throws Exception {
    FavorRequests requests = new FavorRequests(new FavorList(spool.resolve(FavorList.FILE_NAME)), inputs);
    OpenllException e = assertThrows(OpenllException.class, () -> requests.favor("", List.of("h.1"), List.of(), false));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
  }
}
