package org.openll.schedd.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.SubmitJobRequest;
import org.openll.common.authz.TestCallers;
import org.openll.common.errors.ErrorMappingInterceptor;
import org.openll.schedd.grpc.ScheddGrpcService;
import org.openll.schedd.queue.JobQueue;
import org.openll.schedd.store.SqliteJobStore;

/**
 * Not a test: measures single-step submits per second through the schedd's gRPC service (in-process
 * transport, a server thread pool) onto a real {@link SqliteJobStore} with 1 and 8 concurrent
 * clients. Run it on purpose:
 * {@code ./mvnw -o -q -pl schedd -am verify -Dtest=SubmitThroughputBench -Dsurefire.failIfNoSpecifiedTests=false -Dopenll.bench=true}
 * and read the lines it prints.
 */
class SubmitThroughputBench {
  private static final Duration RUN = Duration.ofSeconds(5);

  @TempDir
  Path dir;

  @Test
  void submitsPerSecond() throws Exception {
    assumeTrue(Boolean.getBoolean("openll.bench"), "set -Dopenll.bench=true to run the benchmark");
    for (int clients : new int[] {1, 8}) {
      measure(clients);
    }
  }

  private void measure(int clients) throws Exception {
    SqliteJobStore store = new SqliteJobStore(dir.resolve(clients + "/queue.db"));
    store.open();
    ExecutorService serverThreads = Executors.newFixedThreadPool(16);
    ExecutorService clientThreads = Executors.newFixedThreadPool(clients);
    var timers = Executors.newSingleThreadScheduledExecutor();
    JobQueue queue = BenchFixtures.queue(store, timers);
    queue.recover();
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name).executor(serverThreads)
        .addService(ServerInterceptors.intercept(new ScheddGrpcService(queue, new org.openll.schedd.watch.StepWatchHub(1, 1000, 1000, Runnable::run), "bench"), new ErrorMappingInterceptor(),
            TestCallers.server()))
        .build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    try {
      ScheddGrpc.ScheddBlockingStub stub = TestCallers.as(ScheddGrpc.newBlockingStub(channel), "bench");
      SubmitJobRequest request = SubmitJobRequest.newBuilder().setOwner("bench").setJob(BenchFixtures.job()).build();
      for (int i = 0; i < 50; i++) {
        stub.submitJob(request); // warm up
      }
      long start = System.nanoTime();
      long end = start + RUN.toNanos();
      List<Future<Integer>> counts = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        counts.add(clientThreads.submit(() -> {
          int n = 0;
          while (System.nanoTime() < end) {
            stub.submitJob(request);
            n++;
          }
          return n;
        }));
      }
      int total = 0;
      for (Future<Integer> f : counts) {
        total += f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("BENCH clients=%d submits=%d seconds=%.1f submits/s=%.0f%n", clients, total, seconds, total / seconds);
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
      clientThreads.shutdownNow();
      serverThreads.shutdownNow();
      timers.shutdownNow();
      server.awaitTermination(10, TimeUnit.SECONDS);
      store.close();
    }
  }
}
