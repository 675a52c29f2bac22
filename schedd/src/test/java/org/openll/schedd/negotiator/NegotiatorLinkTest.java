package org.openll.schedd.negotiator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.IdleStep;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.NegotiatorToSchedd;
import org.openll.api.v1.Permit;
import org.openll.api.v1.ScheddToNegotiator;
import org.openll.schedd.queue.ScheddEndpoint;

class NegotiatorLinkTest {
  static final Duration WAIT = Duration.ofSeconds(5);

  final String serverName = InProcessServerBuilder.generateName();
  final LinkedBlockingQueue<ScheddToNegotiator> received = new LinkedBlockingQueue<>();
  final AtomicReference<StreamObserver<NegotiatorToSchedd>> toSchedd = new AtomicReference<>();
  final LinkedBlockingQueue<Permit> permits = new LinkedBlockingQueue<>();
  final AtomicReference<Optional<String>> address = new AtomicReference<>(Optional.of("localhost:1"));
  List<IdleStep> idleSnapshot = List.of(IdleStep.newBuilder().setStepId("node1.1.0").build());
  Server server;
  NegotiatorLink link;

  @AfterEach
  void tearDown() throws Exception {
    if (link != null) {
      link.stopAsync().awaitTerminated(WAIT);
    }
    if (server != null) {
      server.shutdownNow().awaitTermination();
    }
  }

  void startNegotiator() throws Exception {
    server = InProcessServerBuilder.forName(serverName).directExecutor().addService(new NegotiatorGrpc.NegotiatorImplBase() {
      @Override
      public StreamObserver<ScheddToNegotiator> scheddSession(StreamObserver<NegotiatorToSchedd> responses) {
        toSchedd.set(responses);
        return new StreamObserver<>() {
          @Override
          public void onNext(ScheddToNegotiator value) {
            received.add(value);
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {
            responses.onCompleted();
          }
        };
      }
    }).build().start();
  }

  void startLink() throws Exception {
    ScheddSessionHandler handler = new ScheddSessionHandler() {
      @Override
      public List<IdleStep> idleSnapshot() {
        return idleSnapshot;
      }

      @Override
      public void onPermit(Permit permit) {
        permits.add(permit);
      }
    };
    ScheddEndpoint endpoint = new ScheddEndpoint() {
      @Override
      public String name() {
        return "node1";
      }

      @Override
      public String address() {
        return "127.0.0.1:4242";
      }
    };
    link = new NegotiatorLink(address::get, endpoint, handler,
        hp -> InProcessChannelBuilder.forName(serverName).directExecutor().build(),
        Duration.ofMillis(10), Duration.ofMillis(50));
    link.startAsync().awaitRunning(WAIT);
  }

  ScheddToNegotiator next() throws InterruptedException {
    ScheddToNegotiator message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(message, "nothing received within " + WAIT);
    return message;
  }

  void expectHelloAndSnapshot() throws InterruptedException {
    ScheddToNegotiator hello = next();
    assertEquals("node1", hello.getHello().getScheddName());
    assertEquals("127.0.0.1:4242", hello.getHello().getAddress());
    ScheddToNegotiator dispatched = next();
    assertTrue(dispatched.hasDispatched(), "dispatched steps before the idle snapshot");
    assertEquals("node1.1.0", next().getIdle().getSteps(0).getStepId());
  }

  @Test
  void connect_negotiatorUp_helloThenSnapshotThenNotifications() throws Exception {
    startNegotiator();
    startLink();

    expectHelloAndSnapshot();
    waitUntilConnected();
    link.release(List.of("node1.1.0"));
    assertEquals(List.of("node1.1.0"), next().getRelease().getStepIdsList());
  }

  @Test
  void connect_snapshotOfManyIdleSteps_sentInPiecesOfAtMostAChunkInQueueOrder() throws Exception {
    int steps = 2 * NegotiatorLink.SNAPSHOT_CHUNK + 1;
    idleSnapshot = java.util.stream.IntStream.range(0, steps)
        .mapToObj(i -> IdleStep.newBuilder().setStepId("node1." + i + ".0").build()).toList();
    startNegotiator();
    startLink();

    next(); // hello
    next(); // dispatched
    List<Integer> sizes = new java.util.ArrayList<>();
    List<String> ids = new java.util.ArrayList<>();
    while (ids.size() < steps) {
      List<IdleStep> piece = next().getIdle().getStepsList();
      sizes.add(piece.size());
      piece.forEach(step -> ids.add(step.getStepId()));
    }
    assertEquals(List.of(NegotiatorLink.SNAPSHOT_CHUNK, NegotiatorLink.SNAPSHOT_CHUNK, 1), sizes);
    assertEquals(idleSnapshot.stream().map(IdleStep::getStepId).toList(), ids);
  }

  @Test
  void permit_received_handedToTheQueue() throws Exception {
    startNegotiator();
    startLink();
    expectHelloAndSnapshot();

    toSchedd.get().onNext(NegotiatorToSchedd.newBuilder().setPermit(Permit.newBuilder().setStepId("node1.1.0")).build());

    Permit permit = permits.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(permit);
    assertEquals("node1.1.0", permit.getStepId());
  }

  @Test
  void connect_noAddressYet_retriesUntilPublished() throws Exception {
    address.set(Optional.empty());
    startNegotiator();
    startLink();
    assertTrue(received.poll(50, TimeUnit.MILLISECONDS) == null);

    address.set(Optional.of("localhost:1"));

    expectHelloAndSnapshot();
  }

  @Test
  void session_closedByNegotiator_reconnectsWithANewSnapshot() throws Exception {
    startNegotiator();
    startLink();
    expectHelloAndSnapshot();

    toSchedd.get().onCompleted();

    expectHelloAndSnapshot();
  }

  @Test
  void notify_whileDown_dropped() throws Exception {
    address.set(Optional.empty());
    startLink();
    link.idle(List.of(IdleStep.newBuilder().setStepId("x").build()));
    assertTrue(received.isEmpty());
  }

  void waitUntilConnected() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!link.isConnected()) {
      assertTrue(System.nanoTime() < deadline, "not connected within " + WAIT);
      TimeUnit.MILLISECONDS.sleep(1);
    }
  }
}
