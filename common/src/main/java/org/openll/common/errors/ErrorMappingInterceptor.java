package org.openll.common.errors;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.common.authz.Authorization;
import org.openll.common.security.Caller;
import org.openll.common.state.IllegalTransitionException;

/**
 * Turns exceptions thrown by service methods into gRPC statuses, so that no service maps errors
 * itself and no exception escapes as UNKNOWN. Installed on every daemon's server. Every refusal
 * (PERMISSION_DENIED, UNAUTHENTICATED) is logged in one WARN line with who asked.
 */
public final class ErrorMappingInterceptor implements ServerInterceptor {
  private static final Logger LOG = LogManager.getLogger(ErrorMappingInterceptor.class);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    return new SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        guard(call, () -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        guard(call, super::onHalfClose);
      }
    };
  }

  private static void guard(ServerCall<?, ?> call, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      Status status = toStatus(e, call.getMethodDescriptor().getFullMethodName());
      if (status.getCode() == Status.Code.PERMISSION_DENIED || status.getCode() == Status.Code.UNAUTHENTICATED) {
        LOG.warn("refused {} to {} ({}): {}", call.getMethodDescriptor().getFullMethodName(),
            Caller.current().map(Authorization::describe).orElse("an unauthenticated caller"),
            call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), status.getDescription());
      }
      try {
        call.close(status, new Metadata());
      } catch (IllegalStateException alreadyClosed) {
        LOG.debug("call already closed when mapping {}", status);
      }
    }
  }

  /** The status a client sees for {@code e}. */
  public static Status toStatus(Throwable e, String method) {
    if (e instanceof OpenllException oe) {
      return Status.fromCode(oe.code().grpcCode()).withDescription(oe.getMessage());
    }
    if (e instanceof StatusRuntimeException sre) {
      return sre.getStatus();
    }
    if (e instanceof IllegalTransitionException ite) {
      LOG.error("{}: refused {}", method, ite.getMessage());
      return Status.FAILED_PRECONDITION.withDescription(ite.getMessage());
    }
    LOG.error("{} failed", method, e);
    return Status.INTERNAL.withDescription(method + ": " + e);
  }
}
