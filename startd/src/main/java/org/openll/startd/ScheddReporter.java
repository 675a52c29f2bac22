package org.openll.startd;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.ReportStepUpdatesRequest;
import org.openll.api.v1.ReportStepUpdatesResponse;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StepUpdate;
import org.openll.common.grpc.ReconnectBackoff;

/**
 * Relays step updates to the schedds with {@code Schedd.ReportStepUpdates}, at least once and in
 * order. Per schedd address there is one queue and at most one call in flight; a call carries
 * everything queued (up to {@code maxBatch}) and is retried with exponential backoff and jitter
 * ({@link ReconnectBackoff}, from {@code initialBackoff} up to {@code maxBackoff}) until the
 * schedd acknowledges it, so the startds of a restarted schedd do not all resend at once. Each update's callback runs once, after its acknowledgment, in order.
 * Thread-safe.
 */
public final class ScheddReporter {
  private static final Logger LOG = LogManager.getLogger(ScheddReporter.class);

  /** Retry timing and batch size. */
  public record Settings(Duration initialBackoff, Duration maxBackoff, Duration callDeadline, int maxBatch) {
    public static Settings defaults() {
      return new Settings(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10), 500);
    }
  }

  private record Entry(StepUpdate update, Runnable onAcknowledged) {}

  private final String machine;
  private final ChannelFactory channels;
  private final ScheduledExecutorService timer;
  private final Settings settings;
  private final Map<String, Destination> destinations = new HashMap<>();
  private boolean closed;

  public ScheddReporter(String machine, ChannelFactory channels, ScheduledExecutorService timer, Settings settings) {
    this.machine = machine;
    this.channels = channels;
    this.timer = timer;
    this.settings = settings;
  }

  /** Queues {@code update} for the schedd at {@code scheddAddress}; {@code onAcknowledged} runs once it is committed. */
  public void report(String scheddAddress, StepUpdate update, Runnable onAcknowledged) {
    Destination destination;
    synchronized (this) {
      if (closed) {
        return; // a stopped startd relays nothing: the final records stay in the spool for the next one
      }
      destination = destinations.computeIfAbsent(scheddAddress, Destination::new);
    }
    destination.add(new Entry(update, onAcknowledged));
  }

  /** Whether nothing waits to be acknowledged. */
  public synchronized boolean idle() {
    return destinations.values().stream().allMatch(Destination::idle);
  }

  /** Closes the channels; queued and later updates are dropped (their final records stay in the spool). */
  public synchronized void close() {
    closed = true;
    destinations.values().forEach(Destination::close);
    destinations.clear();
  }

  private final class Destination {
    private final String address;
    private final Deque<Entry> queue = new ArrayDeque<>();
    private ManagedChannel channel;
    private boolean inFlight;
    private boolean closed;
    private final ReconnectBackoff backoff = new ReconnectBackoff(settings.initialBackoff(), settings.maxBackoff());

    Destination(String address) {
      this.address = address;
    }

    void add(Entry entry) {
      synchronized (this) {
        queue.add(entry);
      }
      sendNext();
    }

    synchronized boolean idle() {
      return queue.isEmpty() && !inFlight;
    }

    synchronized void close() {
      closed = true;
      if (channel != null) {
        channel.shutdownNow();
      }
    }

    private void sendNext() {
      List<Entry> batch;
      ScheddGrpc.ScheddStub stub;
      synchronized (this) {
        if (inFlight || queue.isEmpty() || closed) {
          return;
        }
        inFlight = true;
        batch = new ArrayList<>(queue).subList(0, Math.min(queue.size(), settings.maxBatch()));
        if (channel == null) {
          channel = channels.open(address);
        }
        stub = ScheddGrpc.newStub(channel)
            .withDeadlineAfter(settings.callDeadline().toMillis(), TimeUnit.MILLISECONDS);
      }
      ReportStepUpdatesRequest request = ReportStepUpdatesRequest.newBuilder()
          .setMachine(machine)
          .addAllUpdates(batch.stream().map(Entry::update).toList())
          .build();
      stub.reportStepUpdates(request, new StreamObserver<>() {
        @Override
        public void onNext(ReportStepUpdatesResponse value) {}

        @Override
        public void onError(Throwable t) {
          failed(batch.size(), t);
        }

        @Override
        public void onCompleted() {
          acknowledged(batch);
        }
      });
    }

    private void acknowledged(List<Entry> batch) {
      synchronized (this) {
        for (int i = 0; i < batch.size(); i++) {
          queue.removeFirst();
        }
        inFlight = false;
        backoff.reset();
      }
      for (Entry entry : batch) {
        try {
          entry.onAcknowledged().run();
        } catch (RuntimeException e) {
          LOG.error("after acknowledgment of {} {}", entry.update().getStepId(), entry.update().getState(), e);
        }
      }
      sendNext();
    }

    private void failed(int size, Throwable t) {
      Duration delay;
      synchronized (this) {
        // stays in flight until the retry, so that updates queued meanwhile wait and join its batch
        delay = backoff.nextDelay();
        if (closed) {
          inFlight = false;
          return;
        }
      }
      LOG.warn("schedd {} did not take {} update(s), retrying in {} ms: {}", address, size, delay.toMillis(), t.toString());
      timer.schedule(this::retry, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retry() {
      synchronized (this) {
        inFlight = false;
      }
      sendNext();
    }
  }
}
