package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Server;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.MachineAd;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.NegotiatorToStartd;
import org.openll.api.v1.RunningStep;
import org.openll.api.v1.StartdToNegotiator;

class NegotiatorSessionTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final MachineIdentity identity = new MachineIdentity("node1", 2, "s3cret");
  private final ClaimTable claims = new ClaimTable(identity);
  private final List<MachineAd> ads = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> negotiatorAddress = new AtomicReference<>();
  private NegotiatorSession session;
  private Server server;

  @AfterEach
  void tearDown() throws Exception {
    if (session != null) {
      session.stopAsync().awaitTerminated(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdownNow();
    }
    timer.shutdownNow();
  }

  private Server fakeNegotiator() throws Exception {
    String name = InProcessServerBuilder.generateName();
    Server s = InProcessServerBuilder.forName(name).directExecutor().addService(new NegotiatorGrpc.NegotiatorImplBase() {
      @Override
      public StreamObserver<StartdToNegotiator> startdSession(StreamObserver<NegotiatorToStartd> response) {
        return new StreamObserver<>() {
          @Override
          public void onNext(StartdToNegotiator value) {
            ads.add(value.getAd());
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {
            response.onCompleted();
          }
        };
      }
    }).build().start();
    negotiatorAddress.set(name);
    return s;
  }

  private Duration changeDelay = Duration.ZERO;

  private void startSession(Duration interval) {
    session = new NegotiatorSession(new MachineAdBuilder(identity, claims, Path.of("/proc"), "amd64"),
        () -> Optional.of("127.0.0.1:5000"), () -> Optional.ofNullable(negotiatorAddress.get()),
        FakeSchedd.channels(), timer,
        new NegotiatorSession.Settings(interval, Duration.ofMillis(5), Duration.ofMillis(20), changeDelay), claims);
    session.startAsync().awaitRunning();
  }

  @Test
  void session_negotiatorAppearsLater_sendsAdAtOnceAndOnEveryClaimChange() throws Exception {
    startSession(Duration.ofHours(1));
    server = fakeNegotiator();

    Conditions.await(() -> ads.size() == 1, 10, "first ad");
    assertEquals("127.0.0.1:5000", ads.get(0).getAddress());
    assertEquals("s3cret", ads.get(0).getClaimSecret());
    assertEquals(0, ads.get(0).getRunningCount());

    claims.claim(ClaimTableTest.permit("h.1.0", "node1", "s3cret"), 1);

    Conditions.await(() -> ads.size() == 2, 10, "ad after the claim");
    assertEquals("h.1.0", ads.get(1).getRunning(0).getStepId());
  }

  @Test
  void session_claimChangesWithinTheChangeDelay_shareOneAd() throws Exception {
    changeDelay = Duration.ofSeconds(2);
    server = fakeNegotiator();
    startSession(Duration.ofHours(1));
    Conditions.await(() -> ads.size() == 1, 10, "first ad");

    // a step ends and the next takes its claim: microseconds apart, far within the delay
    claims.claim(ClaimTableTest.permit("h.1.0", "node1", "s3cret"), 1);
    claims.release("h.1.0");
    claims.claim(ClaimTableTest.permit("h.1.1", "node1", "s3cret"), 1);

    Conditions.await(() -> ads.size() >= 2, 10, "the ad after the changes");
    assertEquals(List.of("h.1.1"), ads.get(1).getRunningList().stream().map(RunningStep::getStepId).toList());
    claims.release("h.1.1");
    Conditions.await(() -> ads.size() >= 3, 10, "the ad after the next change");

    assertEquals(3, ads.size(), "one ad for the first three changes, one for the fourth");
    assertEquals(0, ads.get(2).getRunningCount());
  }

  @Test
  void session_negotiatorRestartsElsewhere_reconnectsToNewAddress() throws Exception {
    server = fakeNegotiator();
    startSession(Duration.ofHours(1));
    Conditions.await(() -> ads.size() == 1, 10, "first ad");

    server.shutdownNow();
    server = fakeNegotiator();

    Conditions.await(() -> ads.size() == 2, 10, "ad on the new session");
  }

  @Test
  void session_heartbeat_resendsAdEveryInterval() throws Exception {
    server = fakeNegotiator();
    startSession(Duration.ofMillis(20));

    Conditions.await(() -> ads.size() >= 3, 10, "heartbeats");
  }
}
