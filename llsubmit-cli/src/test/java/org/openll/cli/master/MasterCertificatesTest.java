package org.openll.cli.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.security.Role;
import org.openll.common.security.SecurityFiles;

class MasterCertificatesTest {
  @TempDir Path root;

  @Test
  void personalCluster_createsCaAndEveryDaemonsCertificate_onceOnly() throws Exception {
    ClusterHome home = new ClusterHome(root);
    List<DaemonSpec> specs = ClusterLayout.daemons(root.toString(), "h", 2, 0);
    MasterCertificates.ensure(home, LoadLConfig.empty(), "h", specs, "alice", Clock.systemUTC());
    SecurityFiles files = SecurityFiles.of(home);
    for (Path file : List.of(files.caKey(), files.cert(Role.NEGOTIATOR, "h"), files.cert(Role.SCHEDD, "h"),
        files.cert(Role.STARTD, "h-1"), files.cert(Role.STARTD, "h-2"), files.cert(Role.CLIENT, "alice"))) {
      assertTrue(Files.exists(file), file::toString);
    }
    String startd = Files.readString(files.cert(Role.STARTD, "h-1"));

    MasterCertificates.ensure(home, LoadLConfig.empty(), "h", specs, "alice", Clock.systemUTC());
    assertEquals(startd, Files.readString(files.cert(Role.STARTD, "h-1")));
  }

  @Test
  void insecureSwitch_makesNothing() throws Exception {
    ClusterHome home = new ClusterHome(root);
    MasterCertificates.ensure(home, LoadLConfig.parse(List.of("OPENLL_INSECURE = true"), "t"), "h",
        ClusterLayout.daemons(root.toString(), "h", 1, 0), "alice", Clock.systemUTC());
    assertFalse(Files.exists(root.resolve("security")));
  }

  @Test
  void executeMachineWithoutCaKey_makesNothing() throws Exception {
    ClusterHome home = new ClusterHome(root);
    Files.writeString(home.configFile(), "CENTRAL_MANAGER_LIST = cm\n");
    List<DaemonSpec> startdOnly = List.of(new DaemonSpec("startd-node1", DaemonSpec.STARTD_MAIN, List.of()));
    MasterCertificates.ensure(home, LoadLConfig.load(home.configFile()), "node1", startdOnly, "alice",
        Clock.systemUTC());
    assertFalse(Files.exists(root.resolve("security")));
  }
}
