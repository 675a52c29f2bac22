import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openll.api.v1.CancelStepsRequest;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepStatus;
import org.openll.api.v1.SubmitJobRequest;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;
import org.openll.common.jcf.JobCommandFileParser;
import org.openll.common.jcf.SubmitContext;

/**
 * The gRPC side of bench/run, run by the JDK's source launcher against lib/*: submits jobs of
 * {@code /bin/true} steps to the schedd of {@code $OPENLL_HOME} the way a client program would
 * (one channel per client, blocking SubmitJob, each answer means the job is committed) and, for the
 * end-to-end runs, waits for every step to finish and reads queue_time and completion_time back
 * through QuerySteps. Prints markdown table rows: {@code | benchmark | figure | detail |}.
 *
 * <pre>
 *   e2e-file N              one job of N steps, then wait for all to complete
 *   e2e-singles N C         N one-step jobs from C concurrent clients, then wait
 *   submit-file N           one job of N held steps (submit only; cancelled afterwards)
 *   submit-singles N C      N one-step held jobs from C clients (submit only; cancelled afterwards)
 *   latency N               N one-step jobs one at a time (each on free slots): p50/p99 submit→Completed
 *   phases 0                where a Completed step's time went: median and p90 between the states
 *                           of its history, over every Completed step of this user
 *   fill-queue N C          N Idle steps that no machine matches, in files of 1,000 steps, from C
 *                           clients (queue scale; left in the queue)
 *   restart-time PID        kill -9 of process PID (the schedd), then QuerySteps every 50 ms (a
 *                           new channel to the address the schedd publishes) until one answers
 * </pre>
 */
public final class BenchClient {
  private static final Duration WAIT_LIMIT = Duration.ofMinutes(15);

  /** The user's client certificate of the cluster (mutual TLS; docs/security.md). */
  static org.openll.common.security.ClusterTls tls;

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int n = Integer.parseInt(args[1]);
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    ClusterHome home = ClusterHome.fromEnvironment(System.getenv());
    tls = org.openll.common.security.ClusterTls.forCurrentUser(home);
    HostPort schedd = HostPort.parse(home.readAddress("schedd").orElseThrow(
        () -> new IllegalStateException("no schedd address in " + home.addressFile("schedd"))));
    switch (mode) {
      case "e2e-file" -> endToEnd("e2e: 1 file of " + n + " steps", schedd, List.of(job(n, false)), 1);
      case "e2e-singles" -> endToEnd("e2e: " + n + " single-step jobs, " + clients + " clients", schedd,
          Collections.nCopies(n, job(1, false)), clients);
      case "submit-file" -> submitOnly("submit: 1 file of " + n + " steps", schedd, List.of(job(n, true)), 1);
      case "submit-singles" -> submitOnly("submit: single-step jobs, " + clients + " client(s)", schedd,
          Collections.nCopies(n, job(1, true)), clients);
      case "latency" -> latency(schedd, n);
      case "phases" -> phases(schedd);
      case "restart-time" -> restartTime(home, n);
      case "fill-queue" -> {
        JobSpec file = job(1000, false, "(Memory > 100000000)");
        Submitted submitted = submit(schedd, Collections.nCopies(n / 1000, file), clients);
        row("queue: fill with " + n + " Idle steps", String.format("%.0f steps/s", n / submitted.seconds()),
            String.format("%d files of 1,000 steps in %.1f s, %d clients", n / 1000, submitted.seconds(), clients));
      }
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  /** A job of {@code steps} steps of /bin/true, parsed from a job command file as llsubmit does. */
  static JobSpec job(int steps, boolean held) throws Exception {
    return job(steps, held, "");
  }

  /** As {@link #job(int, boolean)}, with a requirements expression unless it is empty. */
  static JobSpec job(int steps, boolean held, String requirements) throws Exception {
    StringBuilder file = new StringBuilder("# @ job_name = bench\n# @ executable = /bin/true\n"
        + "# @ output = /dev/null\n# @ error = /dev/null\n");
    if (held) {
      file.append("# @ hold = user\n");
    }
    if (!requirements.isEmpty()) {
      file.append("# @ requirements = ").append(requirements).append('\n');
    }
    file.append("# @ queue\n".repeat(steps));
    SubmitContext context = new SubmitContext("bench.cmd", Path.of("/tmp"), user(), System.getProperty("user.home"),
        "localhost", Map.of());
    return new JobCommandFileParser().parse(file.toString(), context).job();
  }

  private static String user() {
    return System.getProperty("user.name");
  }

  /** Submits {@code jobs} from {@code clients} threads, each with its own channel; returns the job ids. */
  static Submitted submit(HostPort schedd, List<JobSpec> jobs, int clients) throws InterruptedException {
    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      channels.add(Channels.open(schedd, tls));
    }
    // one warm-up call per channel so that connection set-up is not counted as submit time
    for (ManagedChannel channel : channels) {
      ScheddGrpc.newBlockingStub(channel).querySteps(QueryStepsRequest.newBuilder().addIds("0").build());
    }
    ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(clients);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    Instant start = Clock.systemUTC().instant();
    for (ManagedChannel channel : channels) {
      Thread.ofPlatform().start(() -> {
        try {
          var stub = ScheddGrpc.newBlockingStub(channel);
          for (int i = next.getAndIncrement(); i < jobs.size(); i = next.getAndIncrement()) {
            ids.add(stub.withDeadlineAfter(60, TimeUnit.SECONDS).submitJob(
                SubmitJobRequest.newBuilder().setJob(jobs.get(i)).setOwner(user()).build()).getJobId());
          }
        } catch (Throwable e) {
          failures.add(e);
        } finally {
          done.countDown();
        }
      });
    }
    done.await();
    Instant end = Clock.systemUTC().instant();
    channels.forEach(Channels::close);
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a submit failed", failures.peek());
    }
    return new Submitted(new ArrayList<>(ids), start, end);
  }

  record Submitted(List<String> jobIds, Instant start, Instant end) {
    double seconds() {
      return Duration.between(start, end).toNanos() / 1e9;
    }
  }

  static void submitOnly(String name, HostPort schedd, List<JobSpec> jobs, int clients) throws Exception {
    int steps = jobs.stream().mapToInt(JobSpec::getStepsCount).sum();
    Submitted submitted = submit(schedd, jobs, clients);
    row(name, String.format("%.0f steps/s", steps / submitted.seconds()),
        String.format("%d steps in %.3f s, durable when answered", steps, submitted.seconds()));
    ManagedChannel channel = Channels.open(schedd, tls);
    try {
      var stub = ScheddGrpc.newBlockingStub(channel).withDeadlineAfter(120, TimeUnit.SECONDS);
      stub.cancelSteps(CancelStepsRequest.newBuilder().addAllIds(submitted.jobIds()).setRequester(user()).build());
    } finally {
      Channels.close(channel);
    }
  }

  static void endToEnd(String name, HostPort schedd, List<JobSpec> jobs, int clients) throws Exception {
    int steps = jobs.stream().mapToInt(JobSpec::getStepsCount).sum();
    Submitted submitted = submit(schedd, jobs, clients);
    ManagedChannel channel = Channels.open(schedd, tls);
    List<StepStatus> finished;
    try {
      finished = waitForAll(channel, submitted.jobIds(), steps);
    } finally {
      Channels.close(channel);
    }
    Instant[] ends = finished.stream().map(s -> toInstant(s.getCompletionTime())).sorted().toArray(Instant[]::new);
    Instant last = ends[ends.length - 1];
    long completed = finished.stream().filter(s -> s.getState() == StepState.STEP_STATE_COMPLETED).count();
    double[] latencies = finished.stream()
        .mapToDouble(s -> Duration.between(toInstant(s.getQueueTime()), toInstant(s.getCompletionTime())).toNanos() / 1e9)
        .sorted().toArray();
    double total = Duration.between(submitted.start(), last).toNanos() / 1e9;
    row(name + ", submitted", String.format("%.0f steps/s", steps / submitted.seconds()),
        String.format("%d steps in %.3f s", steps, submitted.seconds()));
    row(name + ", completed", String.format("%.1f steps/s", steps / total),
        String.format("first submit to last Completed %.1f s; %d of %d Completed", total, completed, steps));
    if (ends.length >= 2) {
      Instant half = ends[ends.length / 2 - 1];
      double seconds = Duration.between(half, last).toNanos() / 1e9;
      row(name + ", second half", String.format("%.1f steps/s", (ends.length - ends.length / 2) / seconds),
          String.format("the last %d steps, %.1f s from the %dth Completed to the last (the JIT warmed up)",
              ends.length - ends.length / 2, seconds, ends.length / 2));
    }
    row(name + ", submit->Completed", String.format("p50 %.2f s, p99 %.2f s", percentile(latencies, 50),
        percentile(latencies, 99)), "queue_time to completion_time");
  }

  /**
   * Polls every second until no step of {@code jobIds} is left in the queue, then reads them all
   * once with the finished ones; the figures come from the steps' own times. The polls ask for the
   * queue only (as {@code squeue} does for Slurm): asking every second for every finished step
   * would cost the schedd O(N) per poll, a cost of the benchmark and not of the system.
   */
  static List<StepStatus> waitForAll(ManagedChannel channel, List<String> jobIds, int steps) throws InterruptedException {
    Instant deadline = Clock.systemUTC().instant().plus(WAIT_LIMIT);
    var stub = ScheddGrpc.newBlockingStub(channel);
    while (true) {
      int waiting = queryAll(stub, QueryStepsRequest.newBuilder().addAllIds(jobIds).build()).size();
      if (waiting == 0) {
        List<StepStatus> finished = queryAll(stub, QueryStepsRequest.newBuilder().addAllIds(jobIds)
            .setIncludeFinished(true).build()).stream().filter(StepStatus::hasCompletionTime).toList();
        if (finished.size() >= steps) {
          return finished;
        }
      }
      if (Clock.systemUTC().instant().isAfter(deadline)) {
        throw new IllegalStateException(waiting + " of " + steps + " steps still in the queue after " + WAIT_LIMIT);
      }
      System.err.printf("  %d of %d steps finished%n", steps - waiting, steps);
      TimeUnit.SECONDS.sleep(1);
    }
  }

  /**
   * N one-step jobs one after the other, each submitted once the previous one has Completed, so
   * that every step finds free slots: submit→Completed from the step's own times.
   */
  static void latency(HostPort schedd, int n) throws Exception {
    ManagedChannel channel = Channels.open(schedd, tls);
    double[] latencies = new double[n];
    try {
      var stub = ScheddGrpc.newBlockingStub(channel);
      JobSpec job = job(1, false);
      for (int i = 0; i < n; i++) {
        String id = stub.withDeadlineAfter(60, TimeUnit.SECONDS)
            .submitJob(SubmitJobRequest.newBuilder().setJob(job).setOwner(user()).build()).getJobId();
        Instant deadline = Clock.systemUTC().instant().plus(Duration.ofMinutes(1));
        while (true) {
          List<StepStatus> steps = queryAll(stub, QueryStepsRequest.newBuilder().addIds(id).setIncludeFinished(true).build());
          if (!steps.isEmpty() && steps.get(0).hasCompletionTime()) {
            StepStatus step = steps.get(0);
            latencies[i] = Duration.between(toInstant(step.getQueueTime()), toInstant(step.getCompletionTime())).toNanos() / 1e9;
            break;
          }
          if (Clock.systemUTC().instant().isAfter(deadline)) {
            throw new IllegalStateException(id + " did not finish within a minute");
          }
          TimeUnit.MILLISECONDS.sleep(10);
        }
      }
    } finally {
      Channels.close(channel);
    }
    java.util.Arrays.sort(latencies);
    row("e2e: " + n + " one-step jobs one at a time (free slots), submit->Completed",
        String.format("p50 %.3f s, p99 %.3f s", percentile(latencies, 50), percentile(latencies, 99)),
        String.format("max %.3f s; each submitted after the previous one Completed", latencies[n - 1]));
  }

  static void phases(HostPort schedd) {
    ManagedChannel channel = Channels.open(schedd, tls);
    List<StepStatus> steps;
    try {
      steps = queryAll(ScheddGrpc.newBlockingStub(channel),
          QueryStepsRequest.newBuilder().addOwners(user()).setIncludeFinished(true).build());
    } finally {
      Channels.close(channel);
    }
    Map<String, List<Double>> gaps = new java.util.LinkedHashMap<>();
    for (StepStatus step : steps) {
      if (step.getState() != StepState.STEP_STATE_COMPLETED) {
        continue;
      }
      var history = step.getHistoryList();
      Instant previous = toInstant(step.getQueueTime());
      String from = "queued";
      for (var change : history) {
        Instant at = toInstant(change.getTime());
        String to = change.getState().name().replace("STEP_STATE_", "");
        if (!to.equals("IDLE") || !from.equals("queued")) {
          gaps.computeIfAbsent(from + " -> " + to, k -> new ArrayList<>())
              .add(Duration.between(previous, at).toNanos() / 1e6);
        }
        previous = at;
        from = to;
      }
    }
    gaps.forEach((name, values) -> {
      double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      row("phase " + name, String.format("p50 %.0f ms, p90 %.0f ms", percentile(sorted, 50), percentile(sorted, 90)),
          sorted.length + " steps");
    });
  }

  /** Kills process {@code pid} as kill -9 does and measures how long until the restarted schedd answers. */
  static void restartTime(ClusterHome home, long pid) throws Exception {
    ProcessHandle schedd = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
    Instant killed = Clock.systemUTC().instant();
    schedd.destroyForcibly();
    schedd.onExit().get(30, TimeUnit.SECONDS);
    int attempts = 0;
    while (true) {
      attempts++;
      var address = home.readAddress("schedd");
      if (address.isPresent()) {
        ManagedChannel channel = Channels.open(HostPort.parse(address.get()), tls);
        try {
          ScheddGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
              .querySteps(QueryStepsRequest.newBuilder().addOwners("nobody").build());
          break;
        } catch (io.grpc.StatusRuntimeException e) {
          // not up yet (connection refused) or still loading (UNAVAILABLE)
        } finally {
          Channels.close(channel);
        }
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    double seconds = Duration.between(killed, Clock.systemUTC().instant()).toNanos() / 1e9;
    row("queue: restart after kill -9", String.format("%.1f s", seconds),
        "kill -9 of the schedd until QuerySteps answers (" + attempts + " attempts, every 50 ms): the master's"
            + " MASTER_RESTART_DELAY (1 s), the JVM's start, the queue's load");
  }

  /** Every page of QuerySteps' answer to {@code request}. */
  static List<StepStatus> queryAll(ScheddGrpc.ScheddBlockingStub stub, QueryStepsRequest request) {
    List<StepStatus> steps = new ArrayList<>();
    QueryStepsRequest next = request;
    while (true) {
      var page = stub.withDeadlineAfter(60, TimeUnit.SECONDS).querySteps(next);
      steps.addAll(page.getStepsList());
      if (page.getNextPageToken().isEmpty()) {
        return steps;
      }
      next = request.toBuilder().setPageToken(page.getNextPageToken()).build();
    }
  }

  static double percentile(double[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static Instant toInstant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  static void row(String name, String figure, String detail) {
    System.out.println("| " + name + " | " + figure + " | " + detail + " |");
  }

  private BenchClient() {}
}
