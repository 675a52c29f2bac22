package org.openll.startd;

import com.google.common.util.concurrent.AbstractIdleService;

/**
 * Runs nothing while the startd lives; when it stops, removes every step running here (cancel,
 * wait up to {@code wait} for the final records to be relayed, then kill what is left), so that
 * nothing keeps running after {@code llctl stop}.
 */
final class StepShutdownService extends AbstractIdleService {
  private final StepLauncher launcher;
  private final ScheddReporter reporter;
  private final java.time.Duration wait;

  StepShutdownService(StepLauncher launcher, ScheddReporter reporter, java.time.Duration wait) {
    this.launcher = launcher;
    this.reporter = reporter;
    this.wait = wait;
  }

  @Override
  protected void startUp() {}

  @Override
  protected void shutDown() throws InterruptedException {
    launcher.shutdown(wait);
    reporter.close();
  }
}
