package org.openll.schedd.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.QueryStepsResponse;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.SubmitJobRequest;
import org.openll.common.errors.ErrorMappingInterceptor;
import org.openll.schedd.grpc.ScheddGrpcService;
import org.openll.schedd.queue.JobQueue;
import org.openll.schedd.store.SqliteJobStore;
import org.openll.schedd.watch.StepWatchHub;

/**
 * Not a test: one schedd with a million Idle steps (issue 6, benchmark 3). Fills a real
 * {@link SqliteJobStore} through the schedd's gRPC service (in-process transport) with job files of
 * {@code openll.bench.perFile} steps (1,000) until {@code openll.bench.steps} (1,000,000) are queued,
 * one file in a hundred owned by "someone" and the rest by "bench"; then prints the heap after a full
 * GC and the RSS per queued step, the time of {@code llq -u someone} and of {@code llq} of every step
 * (QuerySteps, page after page), and the restart time: the store is abandoned as a kill -9 leaves it
 * (not closed) and a new store and queue are opened on the same file until QuerySteps answers. Run
 * it on purpose, with the daemons' JVM flags (C2, SerialGC):
 * {@code ./mvnw -o -q -pl schedd -am verify -Dtest=QueueScaleBench -Dsurefire.failIfNoSpecifiedTests=false
 * -Dopenll.bench=true '-Dsurefire.jvm.flags=-XX:+UseSerialGC -Xmx6g --enable-native-access=ALL-UNNAMED'}
 * and read the lines starting with BENCH.
 */
class QueueScaleBench {
  private static final int STEPS = Integer.getInteger("openll.bench.steps", 1_000_000);
  private static final int PER_FILE = Integer.getInteger("openll.bench.perFile", 1_000);
  private static final int CLIENTS = 2;

  @TempDir
  Path dir;

  @Test
  void millionIdleSteps() throws Exception {
    assumeTrue(Boolean.getBoolean("openll.bench"), "set -Dopenll.bench=true to run the benchmark");
    Path file = dir.resolve("queue.db");
    long heapBefore = heapAfterGc();
    Daemon first = Daemon.start(file);
    long start = System.nanoTime();
    int files = fill(first, STEPS / PER_FILE);
    double fillSeconds = seconds(start);
    long steps = (long) files * PER_FILE;
    report("fill: %d steps in %d files of %d in %.1f s = %.0f steps/s (%d clients)", steps, files, PER_FILE,
        fillSeconds, steps / fillSeconds, CLIENTS);
    memory("after fill", heapBefore, steps);
    queries(first, steps);
    snapshot(first);

    first.abandon();
    first = null; // as kill -9 leaves it: nothing closed, nothing flushed beyond what was committed
    heapBefore = heapAfterGc();
    start = System.nanoTime();
    Daemon second = Daemon.start(file);
    long answered = second.stub.querySteps(QueryStepsRequest.newBuilder().addOwners("someone").build()).getStepsCount();
    report("restart: store opened, queue loaded and llq -u someone answered (%d steps) in %.2f s", answered,
        seconds(start));
    memory("after restart", heapBefore, steps);
    for (int round = 0; round < 2; round++) {
      start = System.nanoTime();
      int loaded = second.store.loadActive().size();
      report("of which the store's SELECT of the unfinished steps (read again): %d steps in %.2f s", loaded,
          seconds(start));
    }
    queries(second, steps);
    snapshot(second);
    second.stop();
    report("store file: %d MB", (Files.size(file) + sizeOr0(dir.resolve("queue.db-wal"))) >> 20);
  }

  private static int fill(Daemon daemon, int files) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      JobSpec job = BenchFixtures.job(PER_FILE);
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        done.add(clients.submit(() -> {
          for (int f = client; f < files; f += CLIENTS) {
            String owner = f % 100 == 50 ? "someone" : "bench";
            daemon.stub.submitJob(SubmitJobRequest.newBuilder().setOwner(owner).setJob(job).build());
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return files;
    } finally {
      clients.shutdownNow();
    }
  }

  private static void queries(Daemon daemon, long steps) {
    QueryStepsRequest someone = QueryStepsRequest.newBuilder().addOwners("someone").build();
    for (int round = 0; round < 3; round++) {
      readAll(daemon, someone, "llq -u someone", steps);
    }
    for (int round = 0; round < 2; round++) {
      readAll(daemon, QueryStepsRequest.getDefaultInstance(), "llq of all", steps);
    }
  }

  /** Every page of {@code request}'s answer, timed. */
  private static void readAll(Daemon daemon, QueryStepsRequest request, String what, long steps) {
    long start = System.nanoTime();
    long firstPageNanos = 0;
    long seen = 0;
    long bytes = 0;
    int pages = 0;
    QueryStepsRequest next = request;
    while (true) {
      QueryStepsResponse page = daemon.stub.querySteps(next);
      if (pages == 0) {
        firstPageNanos = System.nanoTime() - start;
      }
      seen += page.getStepsCount();
      bytes += page.getSerializedSize();
      pages++;
      if (page.getNextPageToken().isEmpty()) {
        break;
      }
      next = request.toBuilder().setPageToken(page.getNextPageToken()).build();
    }
    report("%s (QuerySteps, every page): %d of %d steps, %d pages, %d MB in %.3f s (first page %.1f ms)", what, seen,
        steps, pages, bytes >> 20, seconds(start), firstPageNanos / 1e6);
  }

  /** What a (re)connecting negotiator session starts with: every Idle step as an IdleStep. */
  private static void snapshot(Daemon daemon) {
    long start = System.nanoTime();
    JobQueue.SessionSnapshot snapshot = daemon.queue.sessionSnapshot();
    long bytes = snapshot.idle().stream().mapToLong(s -> s.getSerializedSize()).sum();
    report("negotiator session snapshot: %d idle steps, %d MB of IdleStep, built in %.2f s", snapshot.idle().size(),
        bytes >> 20, seconds(start));
  }

  private static void memory(String when, long heapBefore, long steps) {
    long heap = heapAfterGc() - heapBefore;
    report("%s: heap after full GC +%d MB = %d bytes per step; RSS %d MB", when, heap >> 20, heap / steps,
        rssBytes() >> 20);
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (java.io.IOException e) {
      return -1;
    }
    return -1;
  }

  private static long sizeOr0(Path p) throws java.io.IOException {
    return Files.exists(p) ? Files.size(p) : 0;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void report(String format, Object... args) {
    System.out.printf("BENCH " + format + "%n", args);
  }

  /** A store, a queue over it and its gRPC service on an in-process server. */
  private static final class Daemon {
    final SqliteJobStore store;
    final JobQueue queue;
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final ExecutorService serverThreads = Executors.newFixedThreadPool(4);
    final Server server;
    final ManagedChannel channel;
    final ScheddGrpc.ScheddBlockingStub stub;

    private Daemon(Path file) throws java.io.IOException {
      store = new SqliteJobStore(file);
      store.open();
      queue = BenchFixtures.queue(store, timers);
      queue.recover();
      String name = InProcessServerBuilder.generateName();
      server = InProcessServerBuilder.forName(name).executor(serverThreads)
          .addService(ServerInterceptors.intercept(
              new ScheddGrpcService(queue, new StepWatchHub(1, 1000, 1000, Runnable::run), "bench"),
              new ErrorMappingInterceptor()))
          .build().start();
      channel = InProcessChannelBuilder.forName(name).build();
      stub = ScheddGrpc.newBlockingStub(channel);
    }

    static Daemon start(Path file) throws java.io.IOException {
      return new Daemon(file);
    }

    /** Stops serving and forgets the store without closing it, as a killed process would. */
    void abandon() {
      channel.shutdownNow();
      server.shutdownNow();
      serverThreads.shutdownNow();
      timers.shutdownNow();
    }

    void stop() throws InterruptedException {
      abandon();
      server.awaitTermination(10, TimeUnit.SECONDS);
      store.close();
    }
  }
}
