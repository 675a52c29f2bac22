package org.openll.negotiator.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * A response stream that several threads may write to (the cycle sends permits while the inbound
 * handler may close the stream): every call is serialized, and nothing is written after the stream
 * ended or the peer went away.
 */
final class SerializedStream<T> {
  private final StreamObserver<T> delegate;
  private boolean closed;

  SerializedStream(StreamObserver<T> delegate) {
    this.delegate = delegate;
  }

  /** Sends {@code message}; returns false when the stream is closed or the peer cancelled. */
  synchronized boolean send(T message) {
    if (closed) {
      return false;
    }
    try {
      delegate.onNext(message);
      return true;
    } catch (RuntimeException e) {
      closed = true;
      return false;
    }
  }

  synchronized void fail(Status status) {
    if (!closed) {
      closed = true;
      try {
        delegate.onError(status.asRuntimeException());
      } catch (RuntimeException ignored) {
        // the call is already closed
      }
    }
  }

  synchronized void complete() {
    if (!closed) {
      closed = true;
      try {
        delegate.onCompleted();
      } catch (RuntimeException ignored) {
        // the call is already closed
      }
    }
  }

  /** Marks the stream closed without writing (the peer ended it with an error). */
  synchronized void abandon() {
    closed = true;
  }
}
