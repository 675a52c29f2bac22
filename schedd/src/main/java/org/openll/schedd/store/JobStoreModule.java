package org.openll.schedd.store;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;

/**
 * The SQLite job store at {@code spool/schedd/queue.db} of the cluster home, refusing new jobs
 * while its file system has less than {@code SCHEDD_MIN_FREE_SPACE} usable. Opened by the queue's
 * service.
 */
public final class JobStoreModule extends AbstractModule {
  public static final String FILE_NAME = "queue.db";
  /** LoadL_config keyword: the usable space below which the schedd refuses new jobs (0: never). */
  public static final String MIN_FREE_SPACE = "SCHEDD_MIN_FREE_SPACE";
  public static final String DEFAULT_MIN_FREE_SPACE = "16mb";

  @Provides
  @Singleton
  JobStore jobStore(ClusterHome home, LoadLConfig config) {
    long minFree = FreeSpaceFloor.parseSize(MIN_FREE_SPACE, config.getString(MIN_FREE_SPACE, DEFAULT_MIN_FREE_SPACE));
    return new SqliteJobStore(home.scheddSpool().resolve(FILE_NAME), minFree);
  }
}
