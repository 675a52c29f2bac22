package org.openll.schedd.queue;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.inject.Inject;
import com.google.inject.name.Named;
import java.util.concurrent.ScheduledExecutorService;
import org.openll.schedd.store.JobStore;

/** Opens the store and loads the queue at start; stops the queue's timers and closes the store at stop. */
public final class QueueService extends AbstractIdleService {
  private final JobStore store;
  private final JobQueue queue;

  private final ScheduledExecutorService timers;

  @Inject
  public QueueService(JobStore store, JobQueue queue, @Named(QueueModule.TIMERS) ScheduledExecutorService timers) {
    this.store = store;
    this.queue = queue;
    this.timers = timers;
  }

  @Override
  protected void startUp() {
    store.open();
    queue.recover();
  }

  @Override
  protected void shutDown() {
    timers.shutdownNow();
    store.close();
  }
}
