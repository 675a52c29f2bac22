package org.openll.schedd.queue;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.inject.Inject;
import org.openll.schedd.store.JobStore;

/** Opens the store and loads the queue at start; closes the store at stop. */
public final class QueueService extends AbstractIdleService {
  private final JobStore store;
  private final JobQueue queue;

  @Inject
  public QueueService(JobStore store, JobQueue queue) {
    this.store = store;
    this.queue = queue;
  }

  @Override
  protected void startUp() {
    store.open();
    queue.recover();
  }

  @Override
  protected void shutDown() {
    store.close();
  }
}
