package org.openll.cli.master;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.common.cluster.ClusterHome;

/**
 * Runs the daemons of one machine and keeps them running: the negotiator first (until it
 * publishes its address), then the schedd and the startds. A daemon that exits while the
 * supervisor runs is restarted after {@code restartDelay}, at most {@link RestartBudget#perHour()}
 * times in an hour; then the supervisor gives up on it and says so in its log.
 *
 * <p>After every start, exit and give-up it rewrites the status file ({@link MasterStatusFile})
 * with every daemon's {@link DaemonState}; {@link #stop} deletes it.
 *
 * <p>{@link #stop} stops the startds first (so they stop their starters), then the schedd and the
 * negotiator, each group with a grace period after which it and its descendants get SIGKILL.
 */
public final class Supervisor {
  private static final Logger LOG = LogManager.getLogger(Supervisor.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final ClusterHome home;
  private final Path statusFile;
  private final List<DaemonProcess> daemons;
  private final Clock clock;
  private final Duration restartDelay;
  private final Duration negotiatorTimeout;
  private final Duration stopGrace;
  private final ScheduledExecutorService scheduler;
  private volatile boolean stopping;

  public Supervisor(ClusterHome home, Path statusFile, List<DaemonProcess> daemons, Clock clock,
      Duration restartDelay, Duration negotiatorTimeout, Duration stopGrace) {
    this.home = home;
    this.statusFile = statusFile;
    this.daemons = List.copyOf(daemons);
    this.clock = clock;
    this.restartDelay = restartDelay;
    this.negotiatorTimeout = negotiatorTimeout;
    this.stopGrace = stopGrace;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "master-restarts");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts every daemon in order; waits for the negotiator's address before the others. */
  public void start() throws IOException {
    for (DaemonProcess daemon : daemons) {
      // a file left by a daemon that was killed would make the wait below succeed at once
      home.withdrawAddress(daemon.spec().name());
    }
    for (DaemonProcess daemon : daemons) {
      launch(daemon);
      if (daemon.spec().name().equals("negotiator")) {
        boolean published = Waits.until(() -> home.readAddress("negotiator").isPresent(), negotiatorTimeout, POLL);
        if (!published) {
          LOG.warn("negotiator published no address within {}; starting the others anyway (see {})",
              negotiatorTimeout, daemon.logFile());
        }
      }
    }
  }

  private void launch(DaemonProcess daemon) throws IOException {
    Process process = daemon.start();
    daemon.markStarted(clock.instant());
    publish();
    LOG.info("started {} (pid {})", daemon.spec().name(), process.pid());
    daemon.note(clock, "started " + daemon.spec().name() + " (pid " + process.pid() + ")");
    process.onExit().thenAccept(exited -> onExit(daemon, exited));
  }

  /** Where the daemon's standard output and error went, with their last line: a failure before its log started. */
  private static String printed(DaemonProcess daemon) {
    return daemon.lastOutputLine().map(line -> "; it last printed: " + line).orElse("")
        + " (output: " + daemon.outFile() + ")";
  }

  private void onExit(DaemonProcess daemon, Process exited) {
    if (stopping || daemon.current().orElse(null) != exited) {
      return;
    }
    String name = daemon.spec().name();
    if (!daemon.budget().tryRestart()) {
      String line = name + " exited with code " + exited.exitValue() + "; it was restarted "
          + daemon.budget().perHour() + " times in the last hour (RESTARTS_PER_HOUR): giving up on it"
          + printed(daemon);
      LOG.error(line);
      daemon.note(clock, line);
      daemon.markGaveUp(clock.instant());
      publish();
      return;
    }
    String line = name + " exited with code " + exited.exitValue() + "; restarting it in " + restartDelay.toMillis()
        + " ms" + printed(daemon);
    LOG.warn(line);
    daemon.note(clock, line);
    publish();
    scheduler.schedule(() -> restart(daemon), restartDelay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Synchronized with {@link #stop} so a restart never slips in after stop collected the processes. */
  private synchronized void restart(DaemonProcess daemon) {
    if (stopping) {
      return;
    }
    try {
      launch(daemon);
    } catch (IOException e) {
      LOG.error("cannot restart {}: {}", daemon.spec().name(), e.getMessage());
      daemon.note(clock, "cannot restart: " + e.getMessage());
    }
  }

  /** Stops restarting, then stops the startds, then the schedd and the negotiator. Idempotent. */
  public synchronized void stop() {
    stopping = true;
    scheduler.shutdownNow();
    stopGroup(daemons.stream().filter(d -> d.spec().isStartd()).toList());
    stopGroup(daemons.stream().filter(d -> !d.spec().isStartd()).toList());
    for (DaemonProcess daemon : daemons) {
      home.withdrawAddress(daemon.spec().name());
    }
    MasterStatusFile.delete(statusFile);
  }

  /** Rewrites the status file; synchronized so writes never interleave and none follows stop's delete. */
  private synchronized void publish() {
    if (stopping) {
      return;
    }
    try {
      MasterStatusFile.write(statusFile, daemons.stream().map(DaemonProcess::state).toList());
    } catch (IOException e) {
      LOG.warn("cannot write {}: {}", statusFile, e.getMessage());
    }
  }

  private void stopGroup(List<DaemonProcess> group) {
    List<ProcessHandle> live = new ArrayList<>();
    for (DaemonProcess daemon : group) {
      daemon.current().filter(Process::isAlive).ifPresent(p -> live.add(p.toHandle()));
    }
    if (live.isEmpty()) {
      return;
    }
    for (ProcessHandle killed : ProcessTrees.terminate(live, stopGrace)) {
      LOG.warn("pid {} still ran {} after SIGTERM: killed", killed.pid(), stopGrace);
    }
    group.forEach(d -> LOG.info("stopped {}", d.spec().name()));
  }
}
