package org.openll.common.grpc.local;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openll.api.v1.LocalCall;
import org.openll.api.v1.LocalReply;

/**
 * One call over a command socket. The request is sent at half-close; a reader thread then takes
 * the replies and hands each to the listener on the call's executor (a blocking stub's own), no
 * more responses than the listener asked for. A socket that cannot be reached, or that closes
 * before the status, ends the call with UNAVAILABLE naming the socket.
 */
final class LocalClientCall<Q, R> extends ClientCall<Q, R> {
  private final Path socket;
  private final MethodDescriptor<Q, R> method;
  private final Executor executor;
  private final Deadline deadline;
  private Listener<R> listener;
  private Metadata headers;
  private ByteString request = ByteString.EMPTY;
  private SocketChannel connection;
  /** Sleeps until the deadline; interrupted when the call ends, so that it lets go of the call and its responses. */
  private Thread deadlineTimer;
  private int credits;
  private boolean closed;

  LocalClientCall(Path socket, MethodDescriptor<Q, R> method, CallOptions options) {
    this.socket = socket;
    this.method = method;
    this.executor = options.getExecutor() != null ? options.getExecutor() : Runnable::run;
    this.deadline = options.getDeadline();
  }

  @Override
  public void start(Listener<R> listener, Metadata headers) {
    this.listener = listener;
    this.headers = headers;
  }

  @Override
  public synchronized void request(int numMessages) {
    credits += numMessages;
    notifyAll();
  }

  @Override
  public void sendMessage(Q message) {
    try (InputStream bytes = method.streamRequest(message)) {
      request = ByteString.readFrom(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the request", e);
    }
  }

  @Override
  public void halfClose() {
    LocalCall.Builder call = LocalCall.newBuilder().setMethod(method.getFullMethodName()).setRequest(request);
    for (String key : headers.keys()) {
      if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        String value = headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        if (value != null) {
          call.putHeaders(key, value);
        }
      }
    }
    try {
      SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
      synchronized (this) {
        connection = opened;
      }
      opened.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      end(Status.UNAVAILABLE.withDescription("cannot reach " + socket + ": " + e.getMessage()).withCause(e));
      return;
    }
    try {
      call.build().writeDelimitedTo(SocketStreams.out(connection));
    } catch (IOException e) {
      // the daemon refused the call before reading all of it (too large): its status is still to be read
    }
    // platform threads: a command's single call would pay for starting the virtual-thread scheduler
    if (deadline != null) {
      synchronized (this) {
        if (closed) {
          return;
        }
        deadlineTimer = Thread.ofPlatform().daemon().name("local-call-deadline").start(this::expireAtDeadline);
      }
    }
    Thread.ofPlatform().daemon().name("local-call-reader").start(this::readReplies);
  }

  private void readReplies() {
    try (InputStream in = new BufferedInputStream(SocketStreams.in(connection))) {
      executor.execute(() -> listener.onHeaders(new Metadata()));
      while (true) {
        LocalReply reply = LocalReply.parseDelimitedFrom(in);
        if (reply == null) {
          end(Status.UNAVAILABLE.withDescription("the connection to " + socket + " closed during the call"
              + " (the daemon stopped or restarted); try again"));
          return;
        }
        if (reply.hasStatus()) {
          Status status = Status.fromCodeValue(reply.getStatus().getCode());
          end(reply.getStatus().getDescription().isEmpty() ? status : status.withDescription(reply.getStatus().getDescription()));
          return;
        }
        R response = method.parseResponse(reply.getResponse().newInput());
        if (!deliver(response)) {
          return;
        }
      }
    } catch (IOException e) {
      end(Status.UNAVAILABLE.withDescription("the connection to " + socket + " failed: " + e.getMessage()).withCause(e));
    }
  }

  /** Hands {@code response} on once the listener asked for one more; false when the call ended meanwhile. */
  private synchronized boolean deliver(R response) {
    while (credits == 0 && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    if (closed) {
      return false;
    }
    credits--;
    executor.execute(() -> listener.onMessage(response));
    return true;
  }

  private void expireAtDeadline() {
    try {
      TimeUnit.NANOSECONDS.sleep(deadline.timeRemaining(TimeUnit.NANOSECONDS));
    } catch (InterruptedException e) {
      return;
    }
    end(Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded after " + deadline));
  }

  @Override
  public void cancel(String message, Throwable cause) {
    end(Status.CANCELLED.withDescription(message).withCause(cause));
  }

  /** Ends the call once: closes the connection and tells the listener, after every response handed on. */
  private synchronized void end(Status status) {
    if (closed) {
      return;
    }
    closed = true;
    notifyAll();
    if (deadlineTimer != null) {
      deadlineTimer.interrupt();
    }
    if (connection != null) {
      try {
        connection.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
    if (listener != null) {
      executor.execute(() -> listener.onClose(status, new Metadata()));
    }
  }

  @Override
  public boolean isReady() {
    return true;
  }
}
