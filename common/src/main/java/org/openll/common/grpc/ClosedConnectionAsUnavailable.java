package org.openll.common.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.nio.channels.ClosedChannelException;

/**
 * Reports a call cut by its connection closing as {@code UNAVAILABLE}, as clients expect of a daemon
 * that went away. grpc-java's netty transport reports a TLS connection closed under a call in flight
 * (a killed daemon) as {@code UNKNOWN: channel closed} (grpc-java issues 7376, 10474), which a client
 * cannot tell from a daemon's own failure and would not retry.
 */
public final class ClosedConnectionAsUnavailable implements ClientInterceptor {
  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    String authority = next.authority();
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            super.onClose(mapped(status, authority), trailers);
          }
        }, headers);
      }
    };
  }

  /** {@code status}, or UNAVAILABLE naming {@code authority} when it is a closed connection's UNKNOWN. */
  static Status mapped(Status status, String authority) {
    if (status.getCode() != Status.Code.UNKNOWN || !closedConnection(status.getCause())) {
      return status;
    }
    return Status.UNAVAILABLE.withDescription("the connection to " + authority + " closed during the call"
        + " (the daemon stopped or restarted); try again").withCause(status.getCause());
  }

  private static boolean closedConnection(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ClosedChannelException) {
        return true;
      }
    }
    return false;
  }
}
