package org.openll.cli.master;

import com.beust.jcommander.Parameter;

/** The master's flags. */
public final class MasterOptions {
  @Parameter(names = "--home", required = true, description = "the cluster's folder")
  public String home;

  @Parameter(names = "--startds", description = "how many startds to run on this machine (default 1)")
  public int startds = 1;

  @Parameter(names = "--cpus", description = "CPUs each startd offers (default: the machine's)")
  public int cpus;

  @Parameter(names = "--host", description = "this machine's name, matched against LoadL_config's"
      + " CENTRAL_MANAGER_LIST and SCHEDD_HOST (default: $LOADL_HOST, else the short host name)")
  public String host;

  @Parameter(names = "--aot-training", hidden = true,
      description = "record the daemons' AOT configurations in this folder as they exit (DaemonAotTraining)")
  public String aotTraining;

  @Parameter(names = {"-h", "--help"}, help = true, description = "print this help")
  public boolean help;
}
