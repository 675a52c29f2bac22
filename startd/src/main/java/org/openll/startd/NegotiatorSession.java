package org.openll.startd;

import com.google.common.util.concurrent.AbstractService;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.NegotiatorToStartd;
import org.openll.api.v1.StartdToNegotiator;
import org.openll.common.grpc.ReconnectBackoff;

/**
 * This startd's long-lived {@code Negotiator.StartdSession}. Sends the machine ad at once,
 * {@code changeDelay} after a claim change (the changes within it share the ad: a step that ends
 * and the step that takes its claim, most often) and every {@code updateInterval} as a heartbeat.
 * When the stream fails it reconnects with exponential backoff and jitter ({@link ReconnectBackoff}:
 * the delay doubles from {@code initialBackoff} up to {@code maxBackoff}, each drawn between half
 * of it and all of it, so the startds of a restarted negotiator do not all come back at once),
 * re-reading the negotiator's address before every attempt (a restarted negotiator may listen on a
 * new port). All stream calls are serialised on this object's lock.
 */
public final class NegotiatorSession extends AbstractService {
  private static final Logger LOG = LogManager.getLogger(NegotiatorSession.class);

  /** Timing of the session. */
  public record Settings(Duration updateInterval, Duration initialBackoff, Duration maxBackoff, Duration changeDelay) {}

  private final MachineAdBuilder ads;
  private final AtomicBoolean adQueued = new AtomicBoolean();
  private final Supplier<Optional<String>> ownAddress;
  private final Supplier<Optional<String>> negotiatorAddress;
  private final ChannelFactory channels;
  private final ScheduledExecutorService timer;
  private final Settings settings;
  private final ClaimTable claims;

  private ManagedChannel channel;
  private StreamObserver<StartdToNegotiator> requests;
  private int generation;
  private final ReconnectBackoff backoff;
  private ScheduledFuture<?> heartbeat;
  private ScheduledFuture<?> reconnect;

  public NegotiatorSession(MachineAdBuilder ads, Supplier<Optional<String>> ownAddress,
      Supplier<Optional<String>> negotiatorAddress, ChannelFactory channels, ScheduledExecutorService timer,
      Settings settings, ClaimTable claims) {
    this.ads = ads;
    this.ownAddress = ownAddress;
    this.negotiatorAddress = negotiatorAddress;
    this.channels = channels;
    this.timer = timer;
    this.settings = settings;
    this.claims = claims;
    this.backoff = new ReconnectBackoff(settings.initialBackoff(), settings.maxBackoff());
  }

  @Override
  protected void doStart() {
    claims.addListener(this::adSoon);
    synchronized (this) {
      long period = settings.updateInterval().toMillis();
      heartbeat = timer.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
      reconnect = timer.schedule(this::connect, 0, TimeUnit.MILLISECONDS);
    }
    notifyStarted();
  }

  @Override
  protected void doStop() {
    synchronized (this) {
      heartbeat.cancel(false);
      reconnect.cancel(false);
      closeStream();
    }
    notifyStopped();
  }

  /** Whether a stream is open now (for tests and health). */
  public synchronized boolean connected() {
    return requests != null;
  }

  private synchronized void connect() {
    if (stopping()) {
      return;
    }
    Optional<String> own = ownAddress.get();
    Optional<String> target = negotiatorAddress.get();
    if (own.isEmpty() || target.isEmpty()) {
      LOG.debug("no {} yet", own.isEmpty() ? "address of our own" : "negotiator address");
      retryLater();
      return;
    }
    int session = ++generation;
    try {
      channel = channels.open(target.get());
      requests = NegotiatorGrpc.newStub(channel).startdSession(new StreamObserver<>() {
        @Override
        public void onNext(NegotiatorToStartd value) {}

        @Override
        public void onError(Throwable t) {
          streamEnded(session, t.toString());
        }

        @Override
        public void onCompleted() {
          streamEnded(session, "closed by the negotiator");
        }
      });
      LOG.info("session with the negotiator at {} opened", target.get());
      sendAd();
    } catch (RuntimeException e) {
      streamEnded(session, e.toString());
    }
  }

  /** An ad for claim changes soon: changes that come while one waits for the timer share it. */
  private void adSoon() {
    if (adQueued.compareAndSet(false, true)) {
      timer.schedule(() -> {
        adQueued.set(false);
        sendAd();
      }, settings.changeDelay().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void heartbeat() {
    ads.refreshFacts();
    sendAd();
  }

  private synchronized void sendAd() {
    if (requests == null) {
      return;
    }
    Optional<String> own = ownAddress.get();
    if (own.isEmpty()) {
      return;
    }
    try {
      requests.onNext(StartdToNegotiator.newBuilder().setAd(ads.build(own.get())).build());
      backoff.reset();
    } catch (RuntimeException e) {
      streamEnded(generation, e.toString());
    }
  }

  private synchronized void streamEnded(int session, String why) {
    if (session != generation || requests == null && channel == null) {
      return;
    }
    closeStream();
    Duration delay = retryLater();
    LOG.warn("session with the negotiator ended ({}), reconnecting in {} ms", why, delay.toMillis());
  }

  /** True once stopping: connecting and retrying are also right while still STARTING. */
  private boolean stopping() {
    State state = state();
    return state == State.STOPPING || state == State.TERMINATED || state == State.FAILED;
  }

  /** Schedules the next attempt after the backoff's next delay, and returns that delay. */
  private Duration retryLater() {
    if (stopping()) {
      return Duration.ZERO;
    }
    Duration delay = backoff.nextDelay();
    reconnect = timer.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    return delay;
  }

  private void closeStream() {
    generation++;
    if (requests != null) {
      try {
        requests.onCompleted();
      } catch (RuntimeException ignored) {
        // the stream is broken already
      }
      requests = null;
    }
    if (channel != null) {
      channel.shutdownNow();
      channel = null;
    }
  }
}
