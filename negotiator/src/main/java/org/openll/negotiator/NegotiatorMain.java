package org.openll.negotiator;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import org.openll.common.daemon.DaemonOptions;
import org.openll.common.daemon.DaemonRunner;

/**
 * The negotiator daemon (central manager). Flags: {@code --home DIR}, {@code --listen host:port}.
 * Reads {@code NEGOTIATOR_INTERVAL}, {@code MACHINE_TIMEOUT} (or {@code MACHINE_UPDATE_INTERVAL}),
 * {@code NEGOTIATOR_RESERVATION_GRACE}, {@code NEGOTIATOR_CHANGE_DELAY}, {@code FAIR_SHARE_SAVE_INTERVAL}
 * and the scheduling keywords ({@link org.openll.common.config.SchedulingConfig}) from
 * {@code LoadL_config}, the stanzas of {@code LoadL_admin} (both reloaded by {@code llctl reconfig}),
 * keeps fair-share usage and favored steps in {@code spool/negotiator/}, and publishes its address
 * as {@code run/negotiator.addr}.
 */
public final class NegotiatorMain {
  private NegotiatorMain() {}

  public static void main(String[] args) {
    DaemonOptions options = new DaemonOptions();
    JCommander commander = JCommander.newBuilder().programName("negotiator").addObject(options).build();
    try {
      commander.parse(args);
    } catch (ParameterException e) {
      System.err.println("negotiator: " + e.getMessage());
      commander.usage();
      System.exit(2);
    }
    if (options.help) {
      commander.usage();
      return;
    }
    Injector injector;
    try {
      injector = Guice.createInjector(Stage.PRODUCTION,
          new NegotiatorModule(options.clusterHome(), options.listenAddress(), options.config()));
    } catch (RuntimeException e) {
      System.err.println("negotiator: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(DaemonRunner.run(org.openll.negotiator.grpc.NegotiatorGrpcModule.DAEMON_NAME, injector));
  }
}
