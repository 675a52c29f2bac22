package org.openll.it;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.SubmitJobRequest;

/**
 * Concurrent gRPC clients that submit {@code total} one-step jobs as a program would: a submit
 * that fails with UNAVAILABLE (the schedd is down, or died before answering) is tried again after
 * {@link #RETRY_PAUSE} as a new submit with a new job name; only acknowledged submits count.
 *
 * <p>Every attempt carries a unique job name, so a job in the queue that nobody was told of can
 * be traced to the attempt whose answer was lost ({@link #unanswered()}).
 */
final class SubmitBurst implements AutoCloseable {
  /** Steps run as their owner under a root startd: the owner must exist here (the user running the tests). */
  private static final String OWNER = System.getProperty("user.name");
  private static final long RETRY_PAUSE_MILLIS = 200;
  static final String RETRY_PAUSE = RETRY_PAUSE_MILLIS + " ms";

  private final List<ScheddClient> clients = new ArrayList<>();
  private final ExecutorService threads;
  private final List<Future<?>> running = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final Map<String, String> acknowledged = new ConcurrentHashMap<>(); // job id -> job name
  private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile boolean stopped;

  /**
   * Starts {@code clients} clients submitting jobs {@code 0..total-1} (while {@code mayGo} allows
   * the next number), job {@code i} of one step {@code step.apply(i)}.
   */
  SubmitBurst(TestCluster cluster, int clientCount, int total, IntFunction<StepSpec.Builder> step, IntPredicate mayGo) {
    threads = Executors.newFixedThreadPool(clientCount);
    for (int c = 0; c < clientCount; c++) {
      ScheddClient client = new ScheddClient(cluster);
      clients.add(client);
      int clientNo = c;
      running.add(threads.submit(() -> {
        for (int i = next.getAndIncrement(); i < total && !stopped; i = next.getAndIncrement()) {
          while (!mayGo.test(i)) {
            if (stopped) {
              return null;
            }
            TimeUnit.MILLISECONDS.sleep(20);
          }
          submitUntilAcknowledged(client, clientNo, i, step.apply(i));
        }
        return null;
      }));
    }
  }

  private void submitUntilAcknowledged(ScheddClient client, int clientNo, int i, StepSpec.Builder step)
      throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      String name = "c" + clientNo + "-job" + i + "-try" + attempt;
      attempts.incrementAndGet();
      try {
        JobSpec job = JobSpec.newBuilder().setJobName(name).setJobFileName("grpc-client")
            .setSubmitHost("localhost").setSubmitDir("/tmp").addSteps(step).build();
        String id = client.stub().submitJob(SubmitJobRequest.newBuilder().setJob(job).setOwner(OWNER).build())
            .getJobId();
        acknowledged.put(id, name);
        return;
      } catch (StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        if (code != Status.Code.UNAVAILABLE && code != Status.Code.DEADLINE_EXCEEDED) {
          throw new AssertionError("submit " + name + " failed with other than UNAVAILABLE: " + e, e);
        }
        unanswered.add(name);
        TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE_MILLIS); // the client's own back-off
      }
    }
  }

  /** Starts no new submit; one under way is still tried until acknowledged. */
  void stop() {
    stopped = true;
  }

  /** How many submits were acknowledged so far. */
  int acknowledgedCount() {
    return acknowledged.size();
  }

  /** Waits until every client finished, rethrowing what failed one. */
  void awaitDone(long seconds) throws Exception {
    for (Future<?> f : running) {
      f.get(seconds, TimeUnit.SECONDS);
    }
  }

  /** Acknowledged submits: job id to job name. */
  Map<String, String> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  /** The job names of the attempts that failed with UNAVAILABLE (they may or may not have been committed). */
  Set<String> unanswered() {
    return Set.copyOf(unanswered);
  }

  int attempts() {
    return attempts.get();
  }

  @Override
  public void close() {
    threads.shutdownNow();
    clients.forEach(ScheddClient::close);
  }
}
