package org.openll.common.daemon;

import com.google.common.util.concurrent.Service;
import com.google.common.util.concurrent.ServiceManager;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs a daemon: starts every {@link Service} its injector binds into {@code Set<Service>}, waits
 * until they are healthy, and stops them all on SIGTERM or when one fails.
 */
public final class DaemonRunner {
  private static final Logger LOG = LogManager.getLogger(DaemonRunner.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private DaemonRunner() {}

  /** Starts the services of {@code injector} and blocks until they stop. Returns the exit code. */
  public static int run(String daemonName, Injector injector) {
    Set<Service> services = injector.getInstance(Key.get(new TypeLiteral<Set<Service>>() {}));
    ServiceManager manager = new ServiceManager(services);
    CountDownLatch stopped = new CountDownLatch(1);
    manager.addListener(new ServiceManager.Listener() {
      @Override
      public void stopped() {
        stopped.countDown();
      }

      @Override
      public void failure(Service service) {
        LOG.error("{}: {} failed", daemonName, service, service.failureCause());
        manager.stopAsync();
      }
    }, Runnable::run);
    // log4j's own shutdown hook is disabled (log4j2.xml) so the lines of this stop are not lost
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop(daemonName, manager);
      LogManager.shutdown();
    }, daemonName + "-stop"));
    try {
      manager.startAsync().awaitHealthy();
    } catch (IllegalStateException e) {
      LOG.error("{} could not start", daemonName, e);
      stop(daemonName, manager);
      return 1;
    }
    LOG.info("{} started", daemonName);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean failed = manager.servicesByState().containsKey(Service.State.FAILED);
    return failed ? 1 : 0;
  }

  private static void stop(String daemonName, ServiceManager manager) {
    try {
      manager.stopAsync().awaitStopped(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("{}: services still running after {}: {}", daemonName, STOP_TIMEOUT, manager.servicesByState());
    }
  }
}
