package org.openll.schedd.store;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.openll.common.cluster.ClusterHome;

/** The SQLite job store at {@code spool/schedd/queue.db} of the cluster home. Opened by the queue's service. */
public final class JobStoreModule extends AbstractModule {
  public static final String FILE_NAME = "queue.db";

  @Provides
  @Singleton
  JobStore jobStore(ClusterHome home) {
    return new SqliteJobStore(home.scheddSpool().resolve(FILE_NAME));
  }
}
