package org.openll.schedd.negotiator;

import com.google.common.util.concurrent.AbstractIdleService;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.ClaimHandover;
import org.openll.api.v1.ClaimHandovers;
import org.openll.api.v1.DispatchedStep;
import org.openll.api.v1.DispatchedSteps;
import org.openll.api.v1.IdleStep;
import org.openll.api.v1.IdleSteps;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.NegotiatorToSchedd;
import org.openll.api.v1.ReleaseSteps;
import org.openll.api.v1.ScheddHello;
import org.openll.api.v1.ScheddToNegotiator;
import org.openll.api.v1.WithdrawSteps;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;
import org.openll.common.grpc.ReconnectBackoff;
import org.openll.schedd.queue.NegotiatorNotifier;
import org.openll.schedd.queue.ScheddEndpoint;

/**
 * Keeps one {@code Negotiator.ScheddSession} open. On every (re)connect it sends the hello, the
 * dispatched steps with their allocations, and a snapshot of every idle step; then it forwards what the queue notifies. Messages notified while
 * the session is down are dropped (the next snapshot covers idle steps; the negotiator rebuilds
 * reservations from startd ads). Permits and machine notices ({@code MachineDown}, {@code MachineUp}) go to the
 * {@link ScheddSessionHandler} on one permit thread, in arrival order. The negotiator's address is re-read before every attempt; attempts
 * back off exponentially, and an outage is logged once, not per attempt.
 *
 * <p>Thread-safe. Sending never blocks (gRPC buffers).
 */
public final class NegotiatorLink extends AbstractIdleService implements NegotiatorNotifier {
  private static final Logger LOG = LogManager.getLogger(NegotiatorLink.class);
  /** Idle steps per message of the snapshot: about 1 MB, the negotiator adds each to what it has. */
  static final int SNAPSHOT_CHUNK = 5_000;

  private final Supplier<Optional<String>> negotiatorAddress;
  private final ScheddEndpoint endpoint;
  private final ScheddSessionHandler handler;
  private final Function<HostPort, ManagedChannel> channelFactory;
  private final ReconnectBackoff backoff;
  private final ScheduledExecutorService connector =
      Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "negotiator-link"));
  private final ExecutorService permits = Executors.newSingleThreadExecutor(r -> daemonThread(r, "negotiator-permits"));

  // guarded by this
  private Session current;
  private boolean stopping;
  private boolean outageLogged;
  // used on the connector thread only
  private ManagedChannel channel;
  private String channelAddress;

  public NegotiatorLink(Supplier<Optional<String>> negotiatorAddress, ScheddEndpoint endpoint,
      ScheddSessionHandler handler, Function<HostPort, ManagedChannel> channelFactory,
      Duration initialBackoff, Duration maxBackoff) {
    this.negotiatorAddress = negotiatorAddress;
    this.endpoint = endpoint;
    this.handler = handler;
    this.channelFactory = channelFactory;
    this.backoff = new ReconnectBackoff(initialBackoff, maxBackoff);
  }

  @Override
  protected void startUp() {
    connector.execute(this::attempt);
  }

  @Override
  protected void shutDown() throws InterruptedException {
    Session session;
    synchronized (this) {
      stopping = true;
      session = current;
      current = null;
    }
    if (session != null) {
      session.out.onCompleted();
    }
    connector.shutdownNow();
    connector.awaitTermination(5, TimeUnit.SECONDS);
    permits.shutdown();
    if (channel != null) {
      Channels.close(channel);
    }
  }

  /** True while a session is open and ready. */
  public synchronized boolean isConnected() {
    return current != null && current.up;
  }

  @Override
  public void idle(List<IdleStep> steps) {
    send(ScheddToNegotiator.newBuilder().setIdle(IdleSteps.newBuilder().addAllSteps(steps)).build());
  }

  @Override
  public void withdraw(List<String> stepIds) {
    send(ScheddToNegotiator.newBuilder().setWithdraw(WithdrawSteps.newBuilder().addAllStepIds(stepIds)).build());
  }

  @Override
  public void release(List<String> stepIds) {
    send(ScheddToNegotiator.newBuilder().setRelease(ReleaseSteps.newBuilder().addAllStepIds(stepIds)).build());
  }

  @Override
  public void handOver(List<ClaimHandover> handovers) {
    send(ScheddToNegotiator.newBuilder().setHandovers(ClaimHandovers.newBuilder().addAllHandovers(handovers)).build());
  }

  private synchronized void send(ScheddToNegotiator message) {
    if (current == null) {
      LOG.debug("negotiator session down; dropped {}", message.getKindCase());
      return;
    }
    try {
      current.out.onNext(message);
    } catch (RuntimeException e) {
      LOG.debug("negotiator session closing; dropped {}: {}", message.getKindCase(), e.toString());
    }
  }

  /** One connection attempt, on the connector thread. */
  private void attempt() {
    synchronized (this) {
      if (stopping) {
        return;
      }
    }
    Optional<String> address = negotiatorAddress.get();
    if (address.isEmpty()) {
      ended(null, "no negotiator address is published (run/negotiator.addr)");
      return;
    }
    List<DispatchedStep> dispatched;
    List<IdleStep> snapshot;
    String ownAddress;
    ManagedChannel ch;
    try {
      ScheddSessionHandler.Snapshot both = handler.snapshot();
      dispatched = both.dispatched();
      snapshot = both.idle();
      ownAddress = endpoint.address();
      ch = channelTo(address.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException e) {
      ended(null, address.get() + ": " + e.getMessage());
      return;
    }
    Session session = new Session(address.get());
    StreamObserver<ScheddToNegotiator> out = NegotiatorGrpc.newStub(ch).scheddSession(session);
    synchronized (this) {
      if (stopping || session.ended) {
        if (stopping) {
          out.onCompleted();
        }
        return;
      }
      session.out = out;
      current = session;
      out.onNext(ScheddToNegotiator.newBuilder()
          .setHello(ScheddHello.newBuilder().setScheddName(endpoint.name()).setAddress(ownAddress)).build());
      out.onNext(ScheddToNegotiator.newBuilder()
          .setDispatched(DispatchedSteps.newBuilder().addAllSteps(dispatched)).build());
      // in pieces: a queue of a million idle steps is ~100 MB of IdleStep, far beyond one message's limit
      for (int from = 0; from < snapshot.size() || from == 0; from += SNAPSHOT_CHUNK) {
        List<IdleStep> chunk = snapshot.subList(from, Math.min(snapshot.size(), from + SNAPSHOT_CHUNK));
        out.onNext(ScheddToNegotiator.newBuilder().setIdle(IdleSteps.newBuilder().addAllSteps(chunk)).build());
      }
    }
    LOG.debug("negotiator session to {} started with {} idle step(s)", address.get(), snapshot.size());
  }

  private ManagedChannel channelTo(String address) {
    if (!address.equals(channelAddress)) {
      if (channel != null) {
        Channels.close(channel);
      }
      channel = channelFactory.apply(HostPort.parse(address));
      channelAddress = address;
    } else {
      // without this a channel that failed keeps failing new calls fast for its own (long) backoff
      channel.resetConnectBackoff();
    }
    return channel;
  }

  private synchronized void up(Session session) {
    if (session.up || session.ended) {
      return;
    }
    session.up = true;
    backoff.reset();
    outageLogged = false;
    LOG.info("session with the negotiator at {} open", session.address);
  }

  /** A session ended or an attempt failed: log once per outage and schedule the next attempt. */
  private synchronized void ended(Session session, String reason) {
    if (session != null) {
      session.ended = true;
      if (current == session) {
        current = null;
      }
    }
    if (stopping) {
      return;
    }
    Duration delay = backoff.nextDelay();
    if (!outageLogged) {
      outageLogged = true;
      if (session != null && session.up) {
        LOG.warn("session with the negotiator at {} lost: {}; reconnecting", session.address, reason);
      } else {
        LOG.warn("cannot reach the negotiator: {}; retrying with backoff up to {}", reason, backoff.max());
      }
    } else {
      LOG.debug("negotiator attempt failed: {}; next in {}", reason, delay);
    }
    connector.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Thread daemonThread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** One ScheddSession stream. */
  private final class Session implements ClientResponseObserver<ScheddToNegotiator, NegotiatorToSchedd> {
    final String address;
    StreamObserver<ScheddToNegotiator> out;
    boolean up;
    boolean ended;

    Session(String address) {
      this.address = address;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<ScheddToNegotiator> requestStream) {
      requestStream.setOnReadyHandler(() -> up(this));
    }

    @Override
    public void onNext(NegotiatorToSchedd message) {
      if (message.hasPermit()) {
        var permit = message.getPermit();
        permits.execute(() -> {
          try {
            handler.onPermit(permit);
          } catch (RuntimeException e) {
            LOG.error("permit for {} failed", permit.getStepId(), e);
          }
        });
      } else if (message.hasMachineDown()) {
        var down = message.getMachineDown();
        permits.execute(() -> {
          try {
            handler.onMachineDown(down.getMachine(), down.getReason());
          } catch (RuntimeException e) {
            LOG.error("vacating the steps of lost machine {} failed", down.getMachine(), e);
          }
        });
      } else if (message.hasMachineUp()) {
        var up = message.getMachineUp();
        permits.execute(() -> {
          try {
            handler.onMachineUp(up.getMachine(), up.getRunningStepIdsList());
          } catch (RuntimeException e) {
            LOG.error("reconciling the steps of machine {} failed", up.getMachine(), e);
          }
        });
      }
    }

    @Override
    public void onError(Throwable t) {
      Status status = Status.fromThrowable(t);
      ended(this, status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()));
    }

    @Override
    public void onCompleted() {
      ended(this, "the negotiator closed the session");
    }
  }
}
