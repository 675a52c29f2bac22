package org.openll.schedd.bench;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.openll.api.v1.CancelStepRequest;
import org.openll.api.v1.IdleStep;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StepSpec;
import org.openll.schedd.queue.JobQueue;
import org.openll.schedd.queue.NegotiatorNotifier;
import org.openll.schedd.queue.ScheddEndpoint;
import org.openll.schedd.queue.StartdClient;
import org.openll.schedd.store.JobStore;

/** What the schedd benchmarks run the queue with: a job of one /bin/true step and daemons that never answer. */
final class BenchFixtures {
  private BenchFixtures() {}

  /** A queue over {@code store} whose negotiator and startds are silent. */
  static JobQueue queue(JobStore store, ScheduledExecutorService timers) {
    return new JobQueue(store, new QuietNegotiator(), new NoStartds(), new Endpoint(), Clock.systemUTC(), timers, 5);
  }

  static JobSpec job() {
    return JobSpec.newBuilder().setJobFileName("/tmp/j.cmd").setSubmitHost("client").setSubmitDir("/tmp")
        .addSteps(StepSpec.newBuilder().setStepName("0").setExecutable("/bin/true").setInput("/dev/null")
            .setOutput("/dev/null").setError("/dev/null").setInitialdir("/tmp").setJobClass("No_Class").setCpus(1))
        .build();
  }

  private static final class QuietNegotiator implements NegotiatorNotifier {
    @Override
    public void idle(List<IdleStep> steps) {}

    @Override
    public void withdraw(List<String> stepIds) {}

    @Override
    public void release(List<String> stepIds) {}
  }

  private static final class NoStartds implements StartdClient {
    @Override
    public CompletableFuture<Void> startStep(String address, StartStepRequest request) {
      return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<Void> cancelStep(String machine, String address, CancelStepRequest request) {
      return new CompletableFuture<>();
    }
  }

  private static final class Endpoint implements ScheddEndpoint {
    @Override
    public String name() {
      return "bench";
    }

    @Override
    public String address() {
      return "127.0.0.1:1";
    }
  }
}
