package org.openll.negotiator.cycle;

import com.google.common.util.concurrent.AbstractService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.negotiator.NegotiatorSettings;
import org.openll.negotiator.registry.NoticeDelivery;
import org.openll.negotiator.registry.PoolRegistry;

/**
 * Every quarter of {@code MACHINE_TIMEOUT} asks the registry for machines newly lost or back and
 * tells every schedd session of them, so a machine is announced at most a quarter timeout late. A
 * failing sweep is logged and the next one runs as usual.
 */
@Singleton
public final class LostMachineWatch extends AbstractService {
  private static final Logger LOG = LogManager.getLogger(LostMachineWatch.class);

  private final PoolRegistry registry;
  private final ScheduledExecutorService executor;
  private final Duration period;
  private volatile ScheduledFuture<?> periodic;

  @Inject
  public LostMachineWatch(PoolRegistry registry, @NegotiatorExecutor ScheduledExecutorService executor,
      NegotiatorSettings settings) {
    this.registry = registry;
    this.executor = executor;
    this.period = Duration.ofMillis(Math.max(10, settings.machineTimeout().toMillis() / 4));
  }

  @Override
  protected void doStart() {
    periodic = executor.scheduleWithFixedDelay(this::sweep, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    notifyStarted();
  }

  @Override
  protected void doStop() {
    ScheduledFuture<?> task = periodic;
    if (task != null) {
      task.cancel(false);
    }
    notifyStopped();
  }

  /** One sweep, on the caller's thread. Never throws. */
  public void sweep() {
    try {
      for (NoticeDelivery delivery : registry.sweepNotices()) {
        if (!delivery.sink().send(delivery.notice())) {
          LOG.warn("schedd {} not told about {}: its session is gone (it is told at its next hello)",
              delivery.scheddName(), delivery.notice().machine());
        }
      }
    } catch (RuntimeException e) {
      LOG.error("lost machine sweep failed", e);
    }
  }
}
