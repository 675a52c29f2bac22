package org.openll.negotiator.fairshare;

import com.google.common.util.concurrent.AbstractIdleService;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Saves the ledger every {@code FAIR_SHARE_SAVE_INTERVAL} when it changed, and once more at stop,
 * so at most that much usage is lost when the negotiator dies. A failed save is logged and retried
 * at the next period.
 */
public final class FairShareKeeper extends AbstractIdleService {
  private static final Logger LOG = LogManager.getLogger(FairShareKeeper.class);

  private final FairShareLedger ledger;
  private final FairShareStore store;
  private final ScheduledExecutorService executor;
  private final Duration period;
  private ScheduledFuture<?> task;

  public FairShareKeeper(FairShareLedger ledger, FairShareStore store, ScheduledExecutorService executor,
      Duration period) {
    this.ledger = ledger;
    this.store = store;
    this.executor = executor;
    this.period = period;
  }

  @Override
  protected void startUp() {
    task = executor.scheduleWithFixedDelay(this::saveIfChanged, period.toMillis(), period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  protected void shutDown() {
    if (task != null) {
      task.cancel(false);
    }
    saveIfChanged();
  }

  /** Saves now if anything changed since the last save. Never throws. */
  public synchronized void saveIfChanged() {
    if (!ledger.dirty()) {
      return;
    }
    try {
      store.save(ledger.snapshot());
    } catch (IOException | RuntimeException e) {
      ledger.markDirty();
      LOG.warn("fair share not saved to {}: {}", store.file(), e.toString());
    }
  }
}
