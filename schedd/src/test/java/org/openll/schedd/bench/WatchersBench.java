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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import io.grpc.stub.StreamObserver;
import org.openll.api.v1.StepEvent;
import org.openll.api.v1.WatchStepsRequest;
import org.openll.schedd.watch.StepWatchHub;
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
 * Not a test: what 1,000 watchers cost the schedd. Submits single-step jobs from 8 clients for
 * 5 s through the gRPC service (in-process transport, real {@link SqliteJobStore}) with 0 and then
 * 1,000 WatchSteps streams open (each watching every step), and prints submits per second and how
 * long after the last submit every watcher had every change. Run it on purpose:
 * {@code ./mvnw -o -q -pl schedd -am verify -Dtest=WatchersBench -Dsurefire.failIfNoSpecifiedTests=false -Dopenll.bench=true}
 */
class WatchersBench {
  private static final Duration RUN = Duration.ofSeconds(5);
  private static final int CLIENTS = 8;

  @TempDir
  Path dir;

  @Test
  void submitsPerSecondWithWatchers() throws Exception {
    assumeTrue(Boolean.getBoolean("openll.bench"), "set -Dopenll.bench=true to run the benchmark");
    for (int watchers : new int[] {0, 1000}) {
      measure(watchers);
    }
  }

  private void measure(int watchers) throws Exception {
    SqliteJobStore store = new SqliteJobStore(dir.resolve(watchers + "/queue.db"));
    store.open();
    ExecutorService serverThreads = Executors.newFixedThreadPool(16);
    ExecutorService clientThreads = Executors.newFixedThreadPool(CLIENTS);
    ExecutorService senders = Executors.newFixedThreadPool(2);
    var timers = Executors.newSingleThreadScheduledExecutor();
    JobQueue queue = BenchFixtures.queue(store, timers);
    StepWatchHub hub = new StepWatchHub(1, 100_000, 10_000, senders);
    queue.setListener(hub);
    queue.recover();
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name).executor(serverThreads)
        .addService(ServerInterceptors.intercept(new ScheddGrpcService(queue, hub, "bench"), new ErrorMappingInterceptor(),
            TestCallers.server()))
        .build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    AtomicLong received = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    try {
      ScheddGrpc.ScheddStub async = TestCallers.as(ScheddGrpc.newStub(channel), "bench");
      CountDownLatch subscribed = new CountDownLatch(watchers);
      for (int w = 0; w < watchers; w++) {
        async.watchSteps(WatchStepsRequest.getDefaultInstance(), new StreamObserver<StepEvent>() {
          @Override
          public void onNext(StepEvent event) {
            if (event.getSnapshotComplete()) {
              subscribed.countDown();
            } else {
              received.incrementAndGet();
            }
          }

          @Override
          public void onError(Throwable t) {
            failed.incrementAndGet();
          }

          @Override
          public void onCompleted() {}
        });
      }
      subscribed.await(60, TimeUnit.SECONDS);
      ScheddGrpc.ScheddBlockingStub stub = TestCallers.as(ScheddGrpc.newBlockingStub(channel), "bench");
      SubmitJobRequest request = SubmitJobRequest.newBuilder().setOwner("bench").setJob(BenchFixtures.job()).build();
      long start = System.nanoTime();
      long end = start + RUN.toNanos();
      List<Future<Integer>> counts = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
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
      long submitted = System.nanoTime();
      double seconds = (submitted - start) / 1e9;
      long expected = (long) total * watchers;
      long drainDeadline = submitted + TimeUnit.SECONDS.toNanos(60);
      while (received.get() + 0 < expected && failed.get() == 0 && System.nanoTime() < drainDeadline) {
        Thread.onSpinWait();
      }
      double drain = (System.nanoTime() - submitted) / 1e9;
      System.out.printf("BENCH watchers=%d submits=%d submits/s=%.0f events=%d/%d dropped=%d all-delivered-after=%.2fs%n",
          watchers, total, total / seconds, received.get(), expected, failed.get(), drain);
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
      clientThreads.shutdownNow();
      serverThreads.shutdownNow();
      senders.shutdownNow();
      timers.shutdownNow();
      server.awaitTermination(10, TimeUnit.SECONDS);
      store.close();
    }
  }
}
