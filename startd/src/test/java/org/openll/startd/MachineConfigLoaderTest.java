package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.ConfigException;

class MachineConfigLoaderTest {
  @TempDir Path root;
  @TempDir Path proc;

  private MachineConfig load() throws Exception {
    return new MachineConfigLoader(new ClusterHome(root), "HOST-1", proc).load();
  }

  @Test
  void load_localConfigWithHost_overridesGlobal() throws Exception {
    ClusterHome home = new ClusterHome(root);
    Files.writeString(home.configFile(), "LOCAL_CONFIG = $(tilde)/local/$(host).config\nCLASS = small(1)\nPOOL = 3\n");
    Files.createDirectories(root.resolve("local"));
    Files.writeString(root.resolve("local/HOST-1.config"), "CLASS = small(4) big(1)\nRESOURCES = GPU(2)\n");
    Files.writeString(root.resolve("local/HOST-2.config"), "CLASS = other(9)\n");

    MachineConfig config = load();

    assertEquals(Map.of("small", 4, "big", 1), config.offer().classSlots());
    assertEquals(2L, config.offer().resources().get("GPU"));
    assertEquals("3", config.offer().site().pool());
    assertEquals(List.of(home.configFile().toString(), root.resolve("local/HOST-1.config").toString(),
        root.resolve("LoadL_admin").toString()), config.files());
  }

  @Test
  void load_relativeLocalConfig_resolvedAgainstHome() throws Exception {
    Files.writeString(new ClusterHome(root).configFile(), "LOCAL_CONFIG = $(hostname).cfg\n");
    Files.writeString(root.resolve("HOST-1.cfg"), "FEATURE = gpu\n");

    assertEquals(List.of("gpu"), load().offer().site().features());
  }

  @Test
  void load_missingLocalFile_globalAlone() throws Exception {
    Files.writeString(new ClusterHome(root).configFile(), "LOCAL_CONFIG = local/$(host)\nCLASS = small(2)\n");

    MachineConfig config = load();

    assertEquals(Map.of("small", 2), config.offer().classSlots());
    assertEquals(2, config.files().size());
  }

  @Test
  void load_noFilesAtAll_defaults() throws Exception {
    MachineConfig config = load();

    assertTrue(config.offer().classSlots().isEmpty());
    assertEquals(Map.of(), config.offer().resources());
  }

  @Test
  void load_badLineInLocalFile_namesLocalFileAndLine() throws Exception {
    Files.writeString(new ClusterHome(root).configFile(), "LOCAL_CONFIG = $(host).cfg\n");
    Files.writeString(root.resolve("HOST-1.cfg"), "# comment\nCLASS small\n");

    ConfigException e = assertThrows(ConfigException.class, this::load);

    assertTrue(e.getMessage().startsWith(root.resolve("HOST-1.cfg") + ":2: "), e.getMessage());
  }

  @Test
  void load_unknownVariableInLocalConfig_namesIt() throws Exception {
    Files.writeString(new ClusterHome(root).configFile(), "LOCAL_CONFIG = $(nowhere)/x\n");

    ConfigException e = assertThrows(ConfigException.class, this::load);

    assertTrue(e.getMessage().endsWith("unknown variable $(nowhere)"), e.getMessage());
  }
}
