package org.openll.startd;

import com.google.common.util.concurrent.AbstractIdleService;
import java.time.Duration;

/**
 * The life of this machine's steps across startd processes. Starting: binds the starters' socket,
 * then re-adopts the steps left in the spool ({@link StepLauncher#adopt}), then starts the pool of
 * pre-started starters ({@link StepLauncher#startPool}); the machine is offered to the negotiator
 * only once this service runs, so adopted CPUs are never double-booked. Stopping ({@code llctl
 * stop}, SIGTERM): closes the pool (idle starters exit), removes every step running here (cancel,
 * wait up to {@code wait} for the final records to be relayed, then kill what is left), so that
 * nothing keeps running; only {@code kill -9} of the startd leaves starters running, to be
 * re-adopted.
 */
final class StarterLinkService extends AbstractIdleService {
  private final StarterLinkServer server;
  private final StepLauncher launcher;
  private final ScheddReporter reporter;
  private final Duration wait;

  StarterLinkService(StarterLinkServer server, StepLauncher launcher, ScheddReporter reporter, Duration wait) {
    this.server = server;
    this.launcher = launcher;
    this.reporter = reporter;
    this.wait = wait;
  }

  @Override
  protected void startUp() throws Exception {
    server.start();
    launcher.adopt();
    launcher.startPool();
  }

  @Override
  protected void shutDown() throws InterruptedException {
    try {
      launcher.shutdown(wait);
      reporter.close();
    } finally {
      server.close();
    }
  }
}
