package org.openll.starter;

import com.google.protobuf.MessageLite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.openll.api.v1.StartdToStarter;
import org.openll.api.v1.StarterEvent;
import org.openll.api.v1.StarterHello;
import org.openll.api.v1.StarterToStartd;
import org.openll.api.v1.StepState;

/**
 * The starter's link to its startd over the startd's Unix-domain socket ({@code starter.proto}).
 * One worker thread ({@link StarterThreads#LINKS}), started by the first event or {@link #onCancel} (so that connecting, whose
 * first use costs the JVM some class loading, never delays the command's start), connects, says
 * hello, resends every event not yet acknowledged, then reads
 * acknowledgments and cancels; when the connection breaks (the startd died or restarts) it
 * reconnects with exponential backoff, from 50 ms up to {@code maxBackoff}, until closed.
 *
 * <p>Guarantees: events carry consecutive sequence numbers from 1; each is written on every
 * connection until the startd acknowledges it, in order; the step never waits on the startd.
 * Thread-safe.
 */
final class SocketLink implements StartdLink {
  private static final Duration INITIAL_BACKOFF = Duration.ofMillis(50);

  private final UnixDomainSocketAddress address;
  private final String stepId;
  private final long startMillis;
  private final PrintStream err;
  private final Duration maxBackoff;
  private final Deque<StarterToStartd> unacknowledged = new ArrayDeque<>();
  private long nextSequence = 1;
  private int stepPid;
  private SocketChannel channel;
  private boolean closed;
  private Consumer<String> cancels;
  private String pendingCancel;
  private boolean working;

  private SocketLink(Path socket, String stepId, PrintStream err, Duration maxBackoff) {
    this.address = UnixDomainSocketAddress.of(socket);
    this.stepId = stepId;
    this.startMillis = StarterPidFile.selfStartMillis();
    this.err = err;
    this.maxBackoff = maxBackoff;
  }

  /** A link to {@code socket}; it connects once it has something to do. */
  static SocketLink open(Path socket, String stepId, PrintStream err, Duration maxBackoff) {
    return new SocketLink(socket, stepId, err, maxBackoff);
  }

  private synchronized void startWorker() {
    if (!working && !closed) {
      working = true;
      StarterThreads.LINKS.execute(this::work);
    }
  }

  @Override
  public void send(StarterEvent event) {
    synchronized (this) {
      startWorker();
      if (event.getState() == StepState.STEP_STATE_RUNNING && event.getPid() > 0) {
        stepPid = event.getPid();
      }
      StarterToStartd message = StarterToStartd.newBuilder().setEvent(event).setSequence(nextSequence++).build();
      unacknowledged.add(message);
      if (channel != null) {
        try {
          write(channel, message); // under the lock, so that sequence numbers go out in order
        } catch (IOException e) {
          closeQuietly(channel); // the worker sees it and reconnects, resending this event
        }
      }
    }
  }

  @Override
  public void onCancel(Consumer<String> onCancel) {
    String pending;
    synchronized (this) {
      startWorker();
      cancels = onCancel;
      pending = pendingCancel;
    }
    if (pending != null) {
      onCancel.accept(pending);
    }
  }

  @Override
  public boolean close(Duration linger) {
    long deadline = System.nanoTime() + linger.toNanos();
    synchronized (this) {
      try {
        while (!unacknowledged.isEmpty() && System.nanoTime() < deadline) {
          wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!unacknowledged.isEmpty()) {
        err.println("starter: " + unacknowledged.size() + " event(s) not acknowledged by the startd; "
            + "the final record stays in the spool");
      }
      closed = true;
      notifyAll();
      if (channel != null) {
        closeQuietly(channel);
      }
      return unacknowledged.isEmpty();
    }
  }

  private void work() {
    Duration backoff = INITIAL_BACKOFF;
    boolean reported = false;
    while (!isClosed()) {
      try (SocketChannel connected = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        connected.connect(address);
        synchronized (this) {
          if (closed) {
            return;
          }
          write(connected, StarterToStartd.newBuilder().setHello(StarterHello.newBuilder().setStepId(stepId)
              .setStarterPid(ProcessHandle.current().pid()).setStarterStartMillis(startMillis).setStepPid(stepPid))
              .build());
          for (StarterToStartd message : unacknowledged) {
            write(connected, message);
          }
          channel = connected;
        }
        if (reported) {
          err.println("starter: connected to the startd again");
        }
        reported = false;
        backoff = INITIAL_BACKOFF;
        read(connected);
      } catch (IOException e) {
        if (!reported && !isClosed()) {
          err.println("starter: no startd at " + address.getPath() + " (" + e.getMessage() + "); the step keeps "
              + "running, retrying");
          reported = true;
        }
      }
      synchronized (this) {
        channel = null;
        try {
          if (!closed) {
            wait(backoff.toMillis());
          }
        } catch (InterruptedException e) {
          return;
        }
      }
      backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    }
  }

  private void read(SocketChannel connected) throws IOException {
    InputStream in = new ChannelInput(connected);
    StartdToStarter message;
    while ((message = StartdToStarter.parseDelimitedFrom(in)) != null) {
      if (message.getAcknowledged() > 0) {
        acknowledge(message.getAcknowledged());
      }
      if (message.hasCancel()) {
        cancel(message.getCancel().getReason());
      }
    }
  }

  private synchronized void acknowledge(long sequence) {
    while (!unacknowledged.isEmpty() && unacknowledged.peekFirst().getSequence() <= sequence) {
      unacknowledged.removeFirst();
    }
    notifyAll();
  }

  private void cancel(String reason) {
    Consumer<String> target;
    synchronized (this) {
      target = cancels;
      if (target == null) {
        pendingCancel = reason;
        return;
      }
    }
    target.accept(reason);
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** Writes one length-delimited message; the caller serialises writers. */
  static void write(SocketChannel channel, MessageLite message) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    message.writeDelimitedTo(bytes);
    ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing is all we wanted
    }
  }
}
