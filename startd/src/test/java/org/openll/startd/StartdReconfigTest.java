package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.ConfigException;

class StartdReconfigTest {
  @TempDir Path root;
  @TempDir Path proc;
  private final MachineIdentity identity = new MachineIdentity("HOST-1", 4, "s3cret");
  private final AtomicInteger adsAsked = new AtomicInteger();
  private Path config;
  private Path local;
  private ClaimTable claims;
  private StartdReconfig reconfig;

  @BeforeEach
  void setUp() throws Exception {
    config = new ClusterHome(root).configFile();
    local = root.resolve("HOST-1.local");
    Files.writeString(config, "LOCAL_CONFIG = $(host).local\nFEATURE = old\n");
    Files.writeString(local, "CLASS = small(2)\n");
    MachineConfigLoader loader = new MachineConfigLoader(new ClusterHome(root), "HOST-1", proc);
    MachineConfig initial = loader.load();
    claims = new ClaimTable(identity, initial.offer());
    claims.addListener(adsAsked::incrementAndGet);
    StepLauncher launcher = new StepLauncher(claims, null, null, root.resolve("spool"), "HOST-1",
        Duration.ofSeconds(1), Clock.systemUTC());
    reconfig = new StartdReconfig(loader, initial, claims, launcher, c -> StarterSettings.minimal(root));
  }

  @Test
  void reconfigure_changedClassFeatureResources_newOfferAndAFreshAd() throws Exception {
    Files.writeString(config, "LOCAL_CONFIG = $(host).local\nFEATURE = new\n");
    Files.writeString(local, "CLASS = small(3) big(1)\nRESOURCES = GPU(1)\n");

    List<String> changed = reconfig.reconfigure();

    assertEquals(List.of("CLASS small(3) big(1)", "FEATURE new", "RESOURCES GPU(1)"), changed);
    assertEquals(Map.of("small", 3, "big", 1), claims.offer().classSlots());
    assertEquals(1, adsAsked.get());
  }

  @Test
  void reconfigure_nothingChanged_emptyButTheAdIsSentAnyway() throws Exception {
    assertEquals(List.of(), reconfig.reconfigure());
    assertEquals(1, adsAsked.get());
  }

  @Test
  void reconfigure_badLocalFile_configExceptionAndLastGoodOfferKept() throws Exception {
    MachineOffer before = claims.offer();
    Files.writeString(local, "CLASS = small(\n");

    ConfigException e = assertThrows(ConfigException.class, reconfig::reconfigure);

    assertTrue(e.getMessage().contains("CLASS"), e.getMessage());
    assertEquals(before, claims.offer());
    assertEquals(before, reconfig.current().offer());
    assertEquals(0, adsAsked.get());
  }

  @Test
  void reconfigure_badAdminFile_configExceptionNamingIt() throws Exception {
    Files.writeString(root.resolve("LoadL_admin"), "small: type = class\nnonsense\n");

    ConfigException e = assertThrows(ConfigException.class, reconfig::reconfigure);

    assertTrue(e.getMessage().startsWith(root.resolve("LoadL_admin") + ":2: "), e.getMessage());
    assertEquals(Map.of("small", 2), claims.offer().classSlots());
  }
}
