package org.openll.cli;

import java.io.IOException;
import java.util.List;
import org.openll.cli.master.ClusterLayout;
import org.openll.cli.master.DaemonSpec;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.ConfigException;

/** The daemons {@code llctl start} waits for on this machine, as the master will run them. */
final class MachineDaemons {
  private MachineDaemons() {}

  /** {@link ClusterLayout#forMachine}, failing as a command does: one line naming the cause. */
  static List<DaemonSpec> of(ClusterHome home, String host, int startds, int cpus) throws CommandFailure {
    try {
      List<DaemonSpec> specs = ClusterLayout.forMachine(home, host, startds, cpus);
      if (specs.isEmpty()) {
        throw new CommandFailure(home.configFile() + " gives " + host
            + " no role (CENTRAL_MANAGER_LIST, SCHEDD_HOST, STARTD_RUNS_HERE): nothing to start");
      }
      return specs;
    } catch (IOException | ConfigException e) {
      throw new CommandFailure("cannot start: " + e.getMessage());
    }
  }
}
