package org.openll.startd;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import org.openll.common.daemon.DaemonOptions;
import org.openll.common.daemon.DaemonRunner;

/** The startd: {@code StartdMain [--home DIR] [--listen host:port] [--machine NAME] [--cpus N] [--negotiator host:port]}. */
public final class StartdMain {
  private StartdMain() {}

  /** The name the startd of {@code machine} publishes its address under. */
  public static String daemonName(String machine) {
    return "startd-" + machine;
  }

  public static void main(String[] args) {
    DaemonOptions daemon = new DaemonOptions();
    StartdOptions startd = new StartdOptions();
    JCommander commander = JCommander.newBuilder().programName("startd").addObject(daemon).addObject(startd).build();
    try {
      commander.parse(args);
      if (startd.cpus != null && startd.cpus < 1) {
        throw new ParameterException("--cpus must be >= 1, got " + startd.cpus);
      }
    } catch (ParameterException e) {
      System.err.println("startd: " + e.getMessage());
      commander.usage();
      System.exit(2);
    }
    if (daemon.help) {
      commander.usage();
      return;
    }
    Injector injector = Guice.createInjector(new StartdModule(daemon, startd));
    System.exit(DaemonRunner.run(daemonName(startd.machineName()), injector));
  }
}
