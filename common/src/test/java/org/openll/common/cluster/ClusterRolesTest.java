package org.openll.common.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

class ClusterRolesTest {
  @TempDir Path root;

  private static ClusterRoles roles(String... lines) {
    return ClusterRoles.of(LoadLConfig.parse(List.of(lines), "LoadL_config"));
  }

  @Test
  void of_noCentralManager_isAPersonalCluster() {
    ClusterRoles roles = roles("NEGOTIATOR_INTERVAL = 1");

    assertFalse(roles.configured());
    assertEquals(Optional.empty(), roles.scheddAddress());
    assertEquals(Optional.empty(), roles.negotiatorAddress());
  }

  @Test
  void of_lists_firstCentralManagerRunsTheNegotiatorAndScheddHostsRunSchedds() {
    ClusterRoles roles = roles("CENTRAL_MANAGER_LIST = cm.example.org alt", "SCHEDD_HOST = cm, submit2");

    assertTrue(roles.runsNegotiator("CM"));
    assertFalse(roles.runsNegotiator("alt"));
    assertTrue(roles.runsSchedd("submit2.example.org"));
    assertFalse(roles.runsSchedd("exec1"));
    assertTrue(roles.runsStartd());
    assertEquals(Optional.of("cm.example.org:9614"), roles.negotiatorAddress());
    assertEquals(Optional.of("cm:9605"), roles.scheddAddress());
  }

  @Test
  void of_runsHereKeywords_overrideTheLists() {
    ClusterRoles roles = roles("CENTRAL_MANAGER_LIST = cm", "SCHEDD_HOST = cm", "SCHEDD_RUNS_HERE = true",
        "STARTD_RUNS_HERE = false", "SCHEDD_STREAM_PORT = 7000");

    assertTrue(roles.runsSchedd("exec1"));
    assertFalse(roles.runsStartd());
    assertEquals(Optional.of("cm:7000"), roles.scheddAddress());
  }

  @Test
  void of_badBooleanOrPort_throwsNamingTheKeyword() {
    ConfigException bool = assertThrows(ConfigException.class, () -> roles("STARTD_RUNS_HERE = maybe"));
    ConfigException port = assertThrows(ConfigException.class, () -> roles("STARTD_STREAM_PORT = 70000"));

    assertTrue(bool.getMessage().contains("STARTD_RUNS_HERE = maybe"), bool.getMessage());
    assertTrue(port.getMessage().contains("STARTD_STREAM_PORT"), port.getMessage());
  }

  @Test
  void load_localConfigOfTheHost_overlaysTheGlobalOne() throws IOException {
    Files.writeString(root.resolve("LoadL_config"),
        "CENTRAL_MANAGER_LIST = cm\nSTARTD_RUNS_HERE = true\nLOCAL_CONFIG = $(tilde)/LoadL_config.$(host)\n");
    Files.writeString(root.resolve("LoadL_config.cm"), "STARTD_RUNS_HERE = false\n");

    assertFalse(ClusterRoles.load(new ClusterHome(root), "cm").runsStartd());
    assertTrue(ClusterRoles.load(new ClusterHome(root), "exec1").runsStartd());
  }

  @Test
  void lookup_noPublishedAddress_fallsBackToTheConfiguredHostAndPort() throws IOException {
    ClusterHome home = new ClusterHome(root);
    Files.writeString(home.configFile(), "CENTRAL_MANAGER_LIST = cm\nSCHEDD_HOST = sub\n");

    assertEquals(Optional.of("sub:9605"), DaemonAddresses.lookup(home, "schedd"));
    assertEquals(Optional.of("cm:9614"), DaemonAddresses.lookup(home, "negotiator"));
    assertEquals(Optional.empty(), DaemonAddresses.lookup(home, "startd-x"));
    home.publishAddress("schedd", "10.0.0.1:5000");
    assertEquals(Optional.of("10.0.0.1:5000"), DaemonAddresses.lookup(home, "schedd"));
  }

  @Test
  void lookup_brokenConfig_yieldsNoAddress() throws IOException {
    ClusterHome home = new ClusterHome(root);
    Files.writeString(home.configFile(), "this is not a keyword line\n");

    assertEquals(Optional.empty(), DaemonAddresses.lookup(home, "schedd"));
  }

  @Test
  void localName_loadlHostSet_overridesTheHostName() {
    assertEquals("hostB", HostNames.localName(java.util.Map.of("LOADL_HOST", "hostB")));
    assertEquals(HostNames.shortName(), HostNames.localName(java.util.Map.of()));
  }
}
