package org.openll.schedd.queue;

import io.grpc.Status;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.CancelStepRequest;

/**
 * Tells a machine to kill a step the schedd vacated from it. The order is repeated while its
 * outcome is unknown (the machine is silent or frozen: UNAVAILABLE, DEADLINE_EXCEEDED, ...),
 * with a delay doubling from {@code first} up to {@code max}, for as long as the schedd runs, so
 * a machine that comes back hears it within {@code max}. OK and NOT_FOUND (the step is not there)
 * end it, and so does the step being dispatched to that machine again. Thread-safe; never blocks.
 */
final class VacatedCancels {
  private static final Logger LOG = LogManager.getLogger(VacatedCancels.class);
  static final String REASON = "vacated: the step was requeued";
  private static final Set<Status.Code> RETRY = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
      Status.Code.CANCELLED, Status.Code.UNKNOWN, Status.Code.INTERNAL, Status.Code.ABORTED);

  private final StartdClient startds;
  private final ScheduledExecutorService timers;
  private final Duration first;
  private final Duration max;
  private final BiPredicate<String, String> stillWanted;

  /**
   * @param stillWanted whether a kill order for (step id, machine) still holds; it is asked before
   *     each repeat, so an order stops once the step was dispatched to that machine again
   */
  VacatedCancels(StartdClient startds, ScheduledExecutorService timers, Duration first, Duration max,
      BiPredicate<String, String> stillWanted) {
    this.stillWanted = stillWanted;
    this.startds = startds;
    this.timers = timers;
    this.first = first;
    this.max = max;
  }

  /** Orders {@code machine} (at {@code address}, or the published one when empty) to kill {@code stepId}. */
  void kill(String stepId, String machine, String address) {
    send(CancelStepRequest.newBuilder().setStepId(stepId).setReason(REASON).build(), machine, address, 0);
  }

  private void send(CancelStepRequest request, String machine, String address, int attempt) {
    startds.cancelStep(machine, address, request).whenComplete((ok, error) -> {
      Status.Code code = error == null ? Status.Code.OK : Status.fromThrowable(error).getCode();
      if (code == Status.Code.OK || code == Status.Code.NOT_FOUND) {
        LOG.info("{}: {} told to kill its vacated copy ({})", request.getStepId(), machine, code);
      } else if (RETRY.contains(code)) {
        long delay = Math.min(first.multipliedBy(1L << Math.min(attempt, 16)).toMillis(), max.toMillis());
        LOG.debug("{}: kill order to {} answered {}; again in {} ms", request.getStepId(), machine, code, delay);
        try {
          timers.schedule(() -> {
            if (stillWanted.test(request.getStepId(), machine)) {
              send(request, machine, "", attempt + 1);
            }
          }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
          LOG.debug("{}: the schedd is stopping; the kill order to {} is dropped", request.getStepId(), machine);
        }
      } else {
        LOG.warn("{}: kill order to {} refused: {}", request.getStepId(), machine, Status.fromThrowable(error));
      }
    });
  }
}
