package org.openll.starter;

import java.time.Duration;
import java.util.function.Consumer;
import org.openll.api.v1.StarterEvent;

/**
 * The starter's connection to its startd: events out, cancels in. Implementations are
 * thread-safe; {@link #send} never throws and never blocks on the startd.
 */
interface StartdLink {
  /** Queues {@code event} for the startd; events reach it in the order they were sent. */
  void send(StarterEvent event);

  /**
   * Delivers each cancel to {@code onCancel}, on the link's own thread, from now on; a cancel that
   * arrived before is delivered at once.
   */
  void onCancel(Consumer<String> onCancel);

  /**
   * Waits up to {@code linger} for every event to be acknowledged, then closes the link. Returns
   * whether every event was acknowledged.
   */
  boolean close(Duration linger);
}
