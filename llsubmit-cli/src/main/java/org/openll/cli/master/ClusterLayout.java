package org.openll.cli.master;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The daemons of one machine's personal cluster: the negotiator, the schedd and {@code startds}
 * startds named {@code HOST} (one) or {@code HOST-1} ... {@code HOST-N}. {@code llctl} and the
 * master both derive the names from here.
 */
public final class ClusterLayout {
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
}
