package org.openll.schedd.bench;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.openll.api.v1.CancelStepRequest;
import org.openll.api.v1.EnvVar;
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

  /**
   * A job file of {@code steps} steps as a user writes one for a parameter sweep: one command with
   * an argument per step, output and error named by $(jobid).$(stepid), a few environment
   * variables, a class and a requirements expression.
   */
  static JobSpec job(int steps) {
    JobSpec.Builder job = JobSpec.newBuilder().setJobName("sweep").setJobFileName("/home/bench/sweep.cmd")
        .setSubmitHost("client.example.org").setSubmitDir("/home/bench");
    for (int i = 0; i < steps; i++) {
      job.addSteps(StepSpec.newBuilder().setStepName(Integer.toString(i)).setExecutable("/home/bench/bin/simulate")
          .addArguments("--case").addArguments(Integer.toString(i)).setInput("/dev/null")
          .setOutput("/home/bench/out/sweep.$(jobid).$(stepid).out")
          .setError("/home/bench/out/sweep.$(jobid).$(stepid).err").setInitialdir("/home/bench")
          .setJobClass("No_Class").setCpus(1).setRequirements("(Arch == \"x86_64\") && (OpSys == \"Linux\")")
          .addEnvironment(EnvVar.newBuilder().setName("HOME").setValue("/home/bench"))
          .addEnvironment(EnvVar.newBuilder().setName("PATH").setValue("/usr/local/bin:/usr/bin:/bin"))
          .addEnvironment(EnvVar.newBuilder().setName("LANG").setValue("C.UTF-8"))
          .addEnvironment(EnvVar.newBuilder().setName("OMP_NUM_THREADS").setValue("1")));
    }
    return job.build();
  }

  private static final class QuietNegotiator implements NegotiatorNotifier {
    @Override
    public void idle(List<IdleStep> steps) {}

    @Override
    public void withdraw(List<String> stepIds) {}

    @Override
    public void release(List<String> stepIds) {}

    @Override
    public void handOver(List<org.openll.api.v1.ClaimHandover> handovers) {}
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
