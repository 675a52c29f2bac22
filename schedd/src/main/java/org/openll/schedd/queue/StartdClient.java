package org.openll.schedd.queue;

import java.util.concurrent.CompletableFuture;
import org.openll.api.v1.CancelStepRequest;
import org.openll.api.v1.StartStepRequest;

/**
 * Calls to startds. Asynchronous: the futures complete on a gRPC thread, exceptionally with a
 * {@link io.grpc.StatusRuntimeException} when the startd refused or could not be reached.
 */
public interface StartdClient {
  /** Starts a step on the startd at {@code address} (host:port from the permit). */
  CompletableFuture<Void> startStep(String address, StartStepRequest request);

  /**
   * Cancels a step on machine {@code machine}, at {@code address} when known (empty after a schedd
   * restart: the implementation then looks the startd's address up).
   */
  CompletableFuture<Void> cancelStep(String machine, String address, CancelStepRequest request);
}
