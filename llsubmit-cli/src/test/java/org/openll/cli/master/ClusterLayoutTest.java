package org.openll.cli.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openll.common.cluster.ClusterRoles;
import org.openll.common.config.LoadLConfig;

class ClusterLayoutTest {
  @Test
  void machineNames_oneStartd_isTheHost() {
    assertEquals(List.of("h"), ClusterLayout.machineNames("h", 1));
  }

  @Test
  void machineNames_threeStartds_areNumbered() {
    assertEquals(List.of("h-1", "h-2", "h-3"), ClusterLayout.machineNames("h", 3));
    assertEquals(List.of("negotiator", "schedd", "startd-h-1", "startd-h-2"), ClusterLayout.daemonNames("h", 2));
  }

  @Test
  void daemons_withCpus_passesHomeMachineAndCpus() {
    List<DaemonSpec> specs = ClusterLayout.daemons("/H", "h", 2, 4);

    assertEquals(new DaemonSpec("negotiator", DaemonSpec.NEGOTIATOR_MAIN, List.of("--home", "/H")), specs.get(0));
    assertEquals(new DaemonSpec("schedd", DaemonSpec.SCHEDD_MAIN, List.of("--home", "/H")), specs.get(1));
    assertEquals(new DaemonSpec("startd-h-2", DaemonSpec.STARTD_MAIN,
        List.of("--home", "/H", "--machine", "h-2", "--cpus", "4")), specs.get(3));
  }

  @Test
  void command_withLogLevel_putsFlagsBeforeTheClassPath() {
    JavaCommand java = new JavaCommand("/jdk/bin/java", "a.jar:b.jar", Optional.of("debug"));

    assertEquals(List.of("/jdk/bin/java", "-XX:+UseSerialGC", "-Dguice_bytecode_gen_option=DISABLED",
            "--enable-native-access=ALL-UNNAMED", "-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager",
            "-Dio.grpc.netty.shaded.io.netty.leakDetection.level=disabled", "-Dopenll.log.level=debug", "-cp", "a.jar:b.jar", "M", "--home", "/H"),
        java.command("M", List.of("--home", "/H")));
  }

  @Test
  void daemons_multiMachineLayout_runOnlyThisHostsRolesOnFixedPorts() {
    ClusterRoles roles = ClusterRoles.of(LoadLConfig.parse(List.of(
        "CENTRAL_MANAGER_LIST = a", "SCHEDD_HOST = a", "STARTD_STREAM_PORT = 7000"), "LoadL_config"));

    List<DaemonSpec> onB = ClusterLayout.daemons("/H", roles, "b", "10.0.0.2", 2, 0);

    assertEquals(List.of(
        new DaemonSpec("startd-b-1", DaemonSpec.STARTD_MAIN,
            List.of("--home", "/H", "--listen", "10.0.0.2:7000", "--machine", "b-1", "--negotiator", "a:9614")),
        new DaemonSpec("startd-b-2", DaemonSpec.STARTD_MAIN,
            List.of("--home", "/H", "--listen", "10.0.0.2:7001", "--machine", "b-2", "--negotiator", "a:9614"))),
        onB);
    assertEquals(List.of("negotiator", "schedd", "startd-a"),
        ClusterLayout.daemons("/H", roles, "a", "10.0.0.1", 1, 0).stream().map(DaemonSpec::name).toList());
    assertEquals(List.of("--home", "/H", "--listen", "10.0.0.1:9605", "--name", "a", "--negotiator", "a:9614"),
        ClusterLayout.daemons("/H", roles, "a", "10.0.0.1", 1, 0).get(1).args());
  }
}
