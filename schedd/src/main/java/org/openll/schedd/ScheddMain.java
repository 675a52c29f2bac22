package org.openll.schedd;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import org.openll.common.daemon.DaemonOptions;
import org.openll.common.daemon.DaemonRunner;
import org.openll.schedd.grpc.ScheddGrpcModule;

/**
 * The schedd daemon: {@code --home DIR --listen host:port --name HOST --negotiator host:port}.
 * Exits 0 after a clean stop, 1 when a service failed, 2 on bad flags or a bad LoadL_admin /
 * LoadL_config at start.
 */
public final class ScheddMain {
  private ScheddMain() {}

  public static void main(String[] args) {
    DaemonOptions daemon = new DaemonOptions();
    ScheddOptions schedd = new ScheddOptions();
    JCommander commander = JCommander.newBuilder().programName("schedd").addObject(daemon).addObject(schedd).build();
    ScheddModule module;
    try {
      commander.parse(args);
      if (daemon.help) {
        commander.usage();
        return;
      }
      module = new ScheddModule(daemon.clusterHome(), daemon.config(), daemon.listenAddress(),
          schedd.scheddName(), schedd.negotiatorAddress());
    } catch (ParameterException | IllegalArgumentException e) {
      System.err.println("schedd: " + e.getMessage());
      System.exit(2);
      return;
    }
    Injector injector;
    try {
      injector = Guice.createInjector(Stage.PRODUCTION, module);
    } catch (CreationException e) {
      // a bad LoadL_admin or LoadL_config: one line naming the file and line, no stack trace
      Throwable cause = e.getCause() == null ? e : e.getCause();
      System.err.println("schedd: " + cause.getMessage());
      System.exit(2);
      return;
    }
    System.exit(DaemonRunner.run(ScheddGrpcModule.DAEMON_NAME, injector));
  }
}
