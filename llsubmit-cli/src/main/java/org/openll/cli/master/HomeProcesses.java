package org.openll.cli.master;

import java.util.List;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.cluster.CommandLines;

/**
 * Every openll daemon or master that runs for one cluster home, found by its command line
 * ({@code org.openll.… --home HOME}), whoever its parent is: {@code llctl stop} sweeps them so
 * that no daemon outlives its master.
 */
public final class HomeProcesses {
  private HomeProcesses() {}

  public static List<ProcessHandle> of(ClusterHome home) {
    String root = home.root().toString();
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self)
        .filter(p -> CommandLines.of(p.pid()).map(args -> belongs(args, root)).orElse(false))
        .toList();
  }

  private static boolean belongs(List<String> args, String root) {
    boolean openll = args.stream().anyMatch(a -> a.startsWith("org.openll."));
    int home = args.indexOf("--home");
    return openll && home >= 0 && home + 1 < args.size() && args.get(home + 1).equals(root);
  }
}
