package org.openll.schedd.watch;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.openll.common.config.LoadLConfig;
import org.openll.schedd.queue.JobQueue;

/** WatchSteps' hub, listening to the {@link JobQueue}. Needs {@link JobQueue}, {@link Clock} and {@link LoadLConfig}. */
public final class WatchModule extends AbstractModule {
  /** LoadL_config keyword: how many committed changes a client can resume after. */
  public static final String HISTORY = "SCHEDD_WATCH_HISTORY";
  /** LoadL_config keyword: how many events a watcher may be behind before it is dropped. */
  public static final String BUFFER = "SCHEDD_WATCH_BUFFER";
  /** LoadL_config keyword: threads that send watch events. */
  public static final String THREADS = "SCHEDD_WATCH_THREADS";

  @Provides
  @Singleton
  StepWatchHub hub(JobQueue queue, Clock clock, LoadLConfig config) {
    // daemon threads: a drain only hands events to gRPC, which never blocks, so none outlives the server
    var executor = Executors.newFixedThreadPool(config.getInt(THREADS, 2), r -> {
      Thread t = new Thread(r, "watch-sender");
      t.setDaemon(true);
      return t;
    });
    StepWatchHub hub = new StepWatchHub(clock.millis(), config.getInt(HISTORY, 100_000),
        config.getInt(BUFFER, 10_000), executor);
    queue.setListener(hub);
    return hub;
  }
}
