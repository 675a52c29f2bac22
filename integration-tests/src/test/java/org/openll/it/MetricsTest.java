package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StepEvent;
import org.openll.api.v1.WatchStepsRequest;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;
import org.openll.common.metrics.MetricsServer;

/**
 * Each daemon's Prometheus endpoint on a real personal cluster: found through run/NAME.metrics,
 * scraped over HTTP on 127.0.0.1 after a 3-step job, with the counters moved; and the daemons'
 * own rolling logs under log/, with a tiny LOG_MAX_SIZE so they roll over during the test.
 */
class MetricsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir static Path root;
  static TestCluster cluster;
  static HttpClient http;

  @BeforeAll
  static void startCluster() {
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    cluster = TestCluster.start(root, 1, 2, """
        LOG_MAX_SIZE = 256
        LOG_MAX_FILES = 2
        """, "");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
    if (http != null) {
      http.close();
    }
  }

  private static Path runDir() {
    return cluster.home().resolve("run");
  }

  private static String startdName() {
    try (Stream<Path> files = Files.list(runDir())) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("startd-") && n.endsWith(MetricsServer.FILE_SUFFIX))
          .map(n -> n.substring(0, n.length() - MetricsServer.FILE_SUFFIX.length()))
          .findFirst().orElseThrow(() -> new AssertionError("no run/startd-*.metrics"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String scrape(String daemon) {
    String address = MetricsServer.readAddress(runDir(), daemon)
        .orElseThrow(() -> new AssertionError("no run/" + daemon + ".metrics"));
    assertTrue(address.startsWith("127.0.0.1:"), daemon + " serves metrics on loopback only: " + address);
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/metrics"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), daemon);
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The value of the sample named exactly {@code sample} (name and labels) in a scrape of {@code daemon}. */
  private static OptionalDouble value(String daemon, String sample) {
    for (String line : scrape(daemon).split("\n")) {
      if (line.startsWith(sample + " ")) {
        String[] parts = line.substring(sample.length() + 1).strip().split(" ");
        return OptionalDouble.of(Double.parseDouble(parts[0]));
      }
    }
    return OptionalDouble.empty();
  }

  private static void awaitValue(String daemon, String sample, double expected) {
    Conditions.await(daemon + " " + sample + " = " + expected, DEADLINE,
        () -> value(daemon, sample).orElse(Double.NaN) == expected);
  }

  @Test
  void threeSteps_run_everyDaemonsCountersMoved() {
    Path file = cluster.writeJobFile("three.cmd", """
        #!/bin/sh
        # @ output = /dev/null
        # @ error = /dev/null
        # @ queue
        # @ queue
        # @ queue
        exit 0
        """);
    String jobId = cluster.submit(file);
    Steps.awaitFinished(cluster, jobId, 3, DEADLINE);

    awaitValue("schedd", "openll_schedd_steps_finished_total", 3);
    assertEquals(0.0, value("schedd", "openll_schedd_queue_steps{state=\"idle\"}").orElseThrow());
    assertEquals(0.0, value("schedd", "openll_schedd_queue_steps{state=\"running\"}").orElseThrow());
    assertTrue(value("schedd", "openll_schedd_commit_seconds_count").orElseThrow() >= 3);
    assertEquals(1.0, value("schedd",
        "openll_grpc_server_calls_total{code=\"OK\",method=\"openll.v1.Schedd/SubmitJob\"}").orElseThrow());
    assertTrue(scrape("schedd").contains("jvm_memory_used_bytes"), "JVM metrics served");

    assertTrue(value("negotiator", "openll_negotiator_cycle_seconds_count").orElseThrow() > 0);
    // each step got a permit, or the claim of the one before it (CLAIM_WORKLIFE)
    double permits = value("negotiator", "openll_negotiator_permits_total").orElseThrow();
    assertTrue(permits >= 1 && permits + value("schedd", "openll_schedd_claims_reused_total").orElseThrow() >= 3);
    assertEquals(1.0, value("negotiator", "openll_negotiator_machines_up").orElseThrow());
    assertEquals(1.0, value("negotiator", "openll_negotiator_schedd_sessions").orElseThrow());

    String startd = startdName();
    awaitValue(startd, "openll_startd_steps_finished_total", 3);
    assertEquals(3.0, value(startd, "openll_startd_steps_started_total").orElseThrow());
    awaitValue(startd, "openll_startd_starters", 0);
  }

  @Test
  void heldStep_queued_countedUnderHold() {
    // left held: it never starts or finishes, so the other tests' counts hold in any order
    String jobId = cluster.submit(cluster.writeJobFile("held.cmd", """
        # @ executable = /bin/true
        # @ hold = user
        # @ queue
        """));
    Conditions.await("the step held", DEADLINE,
        () -> Steps.query(cluster, jobId).stream().anyMatch(s -> Steps.state(s).equals("STEP_STATE_HOLD")));

    awaitValue("schedd", "openll_schedd_queue_steps{state=\"hold\"}", 1);
  }

  @Test
  void watchStream_open_countedByTheSchedd() throws Exception {
    String address = new ClusterHome(cluster.home()).readAddress("schedd").orElseThrow();
    ManagedChannel channel = Channels.open(HostPort.parse(address), org.openll.common.security.ClusterTls.forCurrentUser(new ClusterHome(cluster.home())));
    try {
      Iterator<StepEvent> events = ScheddGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
          .watchSteps(WatchStepsRequest.getDefaultInstance());
      while (!events.next().getSnapshotComplete()) {
        // the snapshot of what the cluster ran before
      }
      awaitValue("schedd", "openll_schedd_watch_streams", 1);
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    awaitValue("schedd", "openll_schedd_watch_streams", 0);
  }

  @Test
  void daemonLogs_tinyMaxSize_writtenByEachDaemonAndRolledOver() throws Exception {
    Path log = cluster.home().resolve("log");
    try {
      Conditions.await("the schedd's log to roll over", DEADLINE, () -> Files.exists(log.resolve("schedd.log.1")));
    } catch (AssertionError e) {
      try (Stream<Path> files = Files.list(log)) {
        throw new AssertionError(e.getMessage() + "; log/ holds " + files.map(p -> p.getFileName() + " "
            + p.toFile().length()).toList() + "; schedd.log: " + Files.readString(log.resolve("schedd.log")), e);
      }
    }

    for (String daemon : List.of("negotiator", "schedd", startdName())) {
      assertTrue(Files.exists(log.resolve(daemon + ".log")), daemon + ".log");
      assertTrue(Files.exists(log.resolve(daemon + ".out")), daemon + ".out holds its stdout and stderr");
      assertFalse(Files.exists(log.resolve(daemon + ".log.3")), "LOG_MAX_FILES = 2 keeps 2 rolled files");
    }
    assertTrue(Files.size(log.resolve("schedd.log")) < 4 * 1024, "rolled at LOG_MAX_SIZE");
  }
}
