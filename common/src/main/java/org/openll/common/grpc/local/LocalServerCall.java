package org.openll.common.grpc.local;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.openll.api.v1.LocalReply;
import org.openll.api.v1.LocalStatus;

/**
 * One call of the command socket as a gRPC handler sees it: each response and the final status
 * become a {@link LocalReply} on the connection. Responses may come from any thread (a stream's
 * producer), so writes are serialised; a response after the close, or to a client gone, is dropped.
 */
final class LocalServerCall<Q, R> extends ServerCall<Q, R> {
  private final MethodDescriptor<Q, R> method;
  private final OutputStream out;
  private final Runnable onClosed;
  private boolean closed;
  private volatile boolean cancelled;

  /** @param onClosed runs once the status is written: ends the connection */
  LocalServerCall(MethodDescriptor<Q, R> method, OutputStream out, Runnable onClosed) {
    this.method = method;
    this.out = out;
    this.onClosed = onClosed;
  }

  @Override
  public void request(int numMessages) {
    // the one request is delivered by the socket's reader, whatever the handler asks for
  }

  @Override
  public void sendHeaders(Metadata headers) {}

  @Override
  public synchronized void sendMessage(R message) {
    if (closed || cancelled) {
      return;
    }
    try (InputStream bytes = method.streamResponse(message)) {
      write(LocalReply.newBuilder().setResponse(com.google.protobuf.ByteString.readFrom(bytes)).build());
    } catch (IOException e) {
      cancelled = true; // the client went away; the socket's reader cancels the call
    }
  }

  @Override
  public synchronized void close(Status status, Metadata trailers) {
    if (closed) {
      return;
    }
    closed = true;
    if (cancelled) {
      onClosed.run();
      return;
    }
    LocalStatus.Builder end = LocalStatus.newBuilder().setCode(status.getCode().value());
    if (status.getDescription() != null) {
      end.setDescription(status.getDescription());
    }
    try {
      write(LocalReply.newBuilder().setStatus(end).build());
    } catch (IOException e) {
      cancelled = true;
    }
    onClosed.run();
  }

  synchronized boolean isClosed() {
    return closed;
  }

  void markCancelled() {
    cancelled = true;
  }

  private void write(LocalReply reply) throws IOException {
    reply.writeDelimitedTo(out);
    out.flush();
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public boolean isReady() {
    return !cancelled;
  }

  @Override
  public Attributes getAttributes() {
    return Attributes.EMPTY;
  }

  @Override
  public String getAuthority() {
    return "localhost";
  }

  @Override
  public MethodDescriptor<Q, R> getMethodDescriptor() {
    return method;
  }
}
