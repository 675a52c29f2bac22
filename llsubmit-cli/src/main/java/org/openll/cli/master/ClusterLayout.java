package org.openll.cli.master;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.cluster.ClusterRoles;

/**
 * The daemons one machine runs. In a personal cluster: the negotiator, the schedd and
 * {@code startds} startds named {@code HOST} (one) or {@code HOST-1} ... {@code HOST-N}, on
 * ephemeral loopback ports. In a multi-machine layout ({@link ClusterRoles}, LoadL_config's
 * {@code CENTRAL_MANAGER_LIST}): only this host's roles, each listening on the address the host
 * name resolves to and on its fixed port, and told where the central manager is. {@code llctl} and
 * the master both derive the names from here.
 */
public final class ClusterLayout {
  private static final Logger LOG = LogManager.getLogger(ClusterLayout.class);

  private ClusterLayout() {}

  /** The machine names of {@code startds} startds on host {@code host}. */
  public static List<String> machineNames(String host, int startds) {
    if (startds == 1) {
      return List.of(host);
    }
    return IntStream.rangeClosed(1, startds).mapToObj(i -> host + "-" + i).toList();
  }

  /** The daemon names ({@code negotiator}, {@code schedd}, {@code startd-M}...) in start order. */
  public static List<String> daemonNames(String host, int startds) {
    List<String> names = new ArrayList<>(List.of("negotiator", "schedd"));
    machineNames(host, startds).forEach(m -> names.add("startd-" + m));
    return names;
  }

  /**
   * The daemons to run, in start order, for a home at {@code home}; {@code cpus} (0 = the
   * machine's) is given to each startd.
   */
  public static List<DaemonSpec> daemons(String home, String host, int startds, int cpus) {
    List<DaemonSpec> specs = new ArrayList<>();
    specs.add(new DaemonSpec("negotiator", DaemonSpec.NEGOTIATOR_MAIN, List.of("--home", home)));
    specs.add(new DaemonSpec("schedd", DaemonSpec.SCHEDD_MAIN, List.of("--home", home)));
    for (String machine : machineNames(host, startds)) {
      List<String> args = new ArrayList<>(List.of("--home", home, "--machine", machine));
      if (cpus > 0) {
        args.addAll(List.of("--cpus", Integer.toString(cpus)));
      }
      specs.add(new DaemonSpec("startd-" + machine, DaemonSpec.STARTD_MAIN, args));
    }
    return specs;
  }

  /**
   * The daemons host {@code host} runs for the home {@code home}: the personal cluster's when its
   * configuration names no central manager, else the host's roles (none: an empty list).
   *
   * @throws IOException when the configuration cannot be read or the host name does not resolve
   */
  public static List<DaemonSpec> forMachine(ClusterHome home, String host, int startds, int cpus) throws IOException {
    ClusterRoles roles = ClusterRoles.load(home, host);
    if (!roles.configured()) {
      return daemons(home.root().toString(), host, startds, cpus);
    }
    if (!roles.runsNegotiator(host) && !roles.runsSchedd(host) && !roles.runsStartd()) {
      return List.of();
    }
    String listenHost;
    try {
      InetAddress address = InetAddress.getByName(host);
      listenHost = address.getHostAddress();
      if (address.isLoopbackAddress()) {
        LOG.warn("{} resolves to {}, a loopback address: daemons on other machines cannot reach this one's"
            + " (docs/deployment.md, Ports and addresses)", host, listenHost);
      }
    } catch (UnknownHostException e) {
      throw new IOException("cannot resolve this machine's name " + host + " (LoadL_config names roles by host name)", e);
    }
    return daemons(home.root().toString(), roles, host, listenHost, startds, cpus);
  }

  /**
   * The daemons of host {@code host} in the multi-machine layout {@code roles}, listening on
   * {@code listenHost}: the negotiator when it is the primary central manager, a schedd named
   * after the host when it runs one, and the startds when STARTD_RUNS_HERE.
   */
  public static List<DaemonSpec> daemons(String home, ClusterRoles roles, String host, String listenHost,
      int startds, int cpus) {
    String negotiator = roles.negotiatorAddress().orElseThrow();
    List<DaemonSpec> specs = new ArrayList<>();
    if (roles.runsNegotiator(host)) {
      specs.add(new DaemonSpec("negotiator", DaemonSpec.NEGOTIATOR_MAIN,
          List.of("--home", home, "--listen", listenHost + ":" + roles.negotiatorPort())));
    }
    if (roles.runsSchedd(host)) {
      specs.add(new DaemonSpec("schedd", DaemonSpec.SCHEDD_MAIN, List.of("--home", home,
          "--listen", listenHost + ":" + roles.scheddPort(), "--name", host, "--negotiator", negotiator)));
    }
    if (roles.runsStartd()) {
      List<String> machines = machineNames(host, startds);
      for (int i = 0; i < machines.size(); i++) {
        List<String> args = new ArrayList<>(List.of("--home", home, "--listen",
            listenHost + ":" + (roles.startdPort() + i), "--machine", machines.get(i), "--negotiator", negotiator));
        if (cpus > 0) {
          args.addAll(List.of("--cpus", Integer.toString(cpus)));
        }
        specs.add(new DaemonSpec("startd-" + machines.get(i), DaemonSpec.STARTD_MAIN, args));
      }
    }
    return specs;
  }
}
