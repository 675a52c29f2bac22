package org.openll.schedd.watch;

import org.openll.api.v1.StepEvent;
import org.openll.common.errors.OpenllException;

/** Where a {@link Watcher} sends its events: a gRPC stream in the daemon, a list in tests. Calls are serialised. */
public interface WatchSink {
  /** Whether {@link #send} may be called now without piling events up in the transport. */
  boolean isReady();

  void send(StepEvent event);

  /** Ends the stream with {@code error}; no call follows. */
  void fail(OpenllException error);
}
