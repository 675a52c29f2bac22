package org.openll.common.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineListTest {
  @TempDir Path root;

  @Test
  void multiMachineCluster_withMachineStanzas_onlyListedMachines() throws Exception {
    Files.writeString(root.resolve("LoadL_config"), "CENTRAL_MANAGER_LIST = cm\n");
    MachineList list = new MachineList(root.resolve("LoadL_config"), root.resolve("LoadL_admin"));
    assertTrue(list.admits("anyone"), "no machine stanza: the certificate is the membership");
    Files.writeString(root.resolve("LoadL_admin"), "default: type = machine\n\nnode1: type = machine\n");
    assertTrue(list.admits("node1"));
    assertFalse(list.admits("node2"));
    assertFalse(list.admits("default"));
  }

  @Test
  void machineAuthenticateFalse_everyMachine() throws Exception {
    Files.writeString(root.resolve("LoadL_config"), "CENTRAL_MANAGER_LIST = cm\nMACHINE_AUTHENTICATE = false\n");
    Files.writeString(root.resolve("LoadL_admin"), "node1: type = machine\n");
    assertTrue(new MachineList(root.resolve("LoadL_config"), root.resolve("LoadL_admin")).admits("node2"));
  }

  @Test
  void machineAuthenticateTrue_noStanza_nobody() throws Exception {
    Files.writeString(root.resolve("LoadL_config"), "MACHINE_AUTHENTICATE = true\n");
    assertFalse(new MachineList(root.resolve("LoadL_config"), root.resolve("LoadL_admin")).admits("node1"));
  }
}
