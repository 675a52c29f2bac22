package org.openll.negotiator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.admin.AdminConfig;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.ConfigException;
import org.openll.common.config.SchedulingConfig;
import org.openll.negotiator.TestPolicies;

class PolicyInputsTest {
  private static PolicyFiles files(long shares, Set<String> admins) {
    return new PolicyFiles(TestPolicies.config(shares, Duration.ofHours(168), admins), AdminConfig.empty());
  }

  @Test
  void reconfigure_changedKeywords_swappedAndListed() throws Exception {
    AtomicReference<PolicyFiles> disk = new AtomicReference<>(files(0, Set.of()));
    PolicyInputs inputs = new PolicyInputs(disk::get);
    disk.set(new PolicyFiles(TestPolicies.config(SchedulingConfig.SchedulerType.BACKFILL, 100, Duration.ofHours(168),
        Set.of("root")), AdminConfig.empty()));

    assertEquals(List.of("SCHEDULER_TYPE", "FAIR_SHARE_TOTAL_SHARES", "LOADL_ADMIN"), inputs.reconfigure());
    assertTrue(inputs.config().isAdministrator("root"));
    assertEquals(List.of(), inputs.reconfigure(), "nothing changed the second time");
  }

  @Test
  void reconfigure_badFile_throwsAndKeepsLastGood() throws Exception {
    PolicyFiles good = files(100, Set.of("root"));
    AtomicReference<PolicyFiles> disk = new AtomicReference<>(good);
    PolicyInputs inputs = new PolicyInputs(() -> {
      PolicyFiles next = disk.get();
      if (next == null) {
        throw new ConfigException("LoadL_admin:3: keyword outside a stanza");
      }
      return next;
    });
    disk.set(null);

    ConfigException e = assertThrows(ConfigException.class, inputs::reconfigure);

    assertEquals("LoadL_admin:3: keyword outside a stanza", e.getMessage());
    assertSame(good, inputs.current());
  }

  @Test
  void load_fromClusterHome_badAdminFile_namesFileAndLine(@TempDir Path root) throws Exception {
    ClusterHome home = new ClusterHome(root);
    PolicyInputs inputs = new PolicyInputs(() -> PolicyFiles.load(home));
    PolicyFiles before = inputs.current();
    Files.writeString(new org.openll.common.cluster.ClusterHome(root).adminFile(), "# classes\n\nmaxjobs = 3\n");

    ConfigException e = assertThrows(ConfigException.class, inputs::reconfigure);

    assertTrue(e.getMessage().endsWith("LoadL_admin:3: keyword outside a stanza"), e.getMessage());
    assertSame(before, inputs.current());
  }
}
