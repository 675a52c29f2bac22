package org.openll.common.grpc;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A service whose requests that do not parse fail with INVALID_ARGUMENT naming the method.
 * grpc-java fails such a call with UNKNOWN ("Application error processing RPC"), which tells a
 * client the daemon broke when it was the client that sent garbage. Unknown fields still parse, so
 * a newer client's request works. The call fails before any handler runs; the daemon serves on.
 *
 * <p>How: each method's request marshaller is replaced by one that never throws but returns a
 * {@link Parsed} holding the message or the parse error, and the handler closes the call on an
 * error instead of passing it on.
 */
final class BadRequestBytes {
  private BadRequestBytes() {}

  /** A request as it came off the wire: the message, or why it did not parse. */
  private record Parsed<Q>(Q message, Status error) {}

  static ServerServiceDefinition wrap(ServerServiceDefinition service) {
    ServiceDescriptor old = service.getServiceDescriptor();
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      methods.add(wrap(method));
    }
    ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(old.getName())
        .setSchemaDescriptor(old.getSchemaDescriptor());
    methods.forEach(m -> descriptor.addMethod(m.getMethodDescriptor()));
    ServerServiceDefinition.Builder out = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(out::addMethod);
    return out.build();
  }

  private static <Q, R> ServerMethodDefinition<Parsed<Q>, R> wrap(ServerMethodDefinition<Q, R> method) {
    MethodDescriptor<Q, R> original = method.getMethodDescriptor();
    MethodDescriptor<Parsed<Q>, R> lenient = original.toBuilder(marshaller(original), original.getResponseMarshaller())
        .build();
    return ServerMethodDefinition.create(lenient, handler(original, method.getServerCallHandler()));
  }

  private static <Q> MethodDescriptor.Marshaller<Parsed<Q>> marshaller(MethodDescriptor<Q, ?> method) {
    MethodDescriptor.Marshaller<Q> requests = method.getRequestMarshaller();
    return new MethodDescriptor.Marshaller<>() {
      @Override
      public InputStream stream(Parsed<Q> value) {
        return requests.stream(value.message());
      }

      @Override
      public Parsed<Q> parse(InputStream stream) {
        try {
          return new Parsed<>(requests.parse(stream), null);
        } catch (StatusRuntimeException e) {
          return new Parsed<>(null, Status.INVALID_ARGUMENT.withDescription(method.getFullMethodName()
              + ": the request does not parse as its message type (" + e.getStatus().getDescription() + ")"));
        }
      }
    };
  }

  private static <Q, R> ServerCallHandler<Parsed<Q>, R> handler(MethodDescriptor<Q, R> original,
      ServerCallHandler<Q, R> inner) {
    return (call, headers) -> {
      Unwrapped<Q, R> unwrapped = new Unwrapped<>(call, original);
      ServerCall.Listener<Q> listener = inner.startCall(unwrapped, headers);
      return new ServerCall.Listener<>() {
        private boolean failed;

        @Override
        public void onMessage(Parsed<Q> message) {
          if (failed) {
            return;
          }
          if (message.error() != null) {
            failed = true;
            if (!unwrapped.closed) { // an interceptor (e.g. the role check) may have closed it already
              unwrapped.close(message.error(), new Metadata());
            }
            return;
          }
          listener.onMessage(message.message());
        }

        @Override
        public void onHalfClose() {
          if (!failed) {
            listener.onHalfClose();
          }
        }

        @Override
        public void onCancel() {
          listener.onCancel();
        }

        @Override
        public void onComplete() {
          listener.onComplete();
        }

        @Override
        public void onReady() {
          if (!failed) {
            listener.onReady();
          }
        }
      };
    };
  }

  /** The call as the original handler expects it: requests of its own type. */
  private static final class Unwrapped<Q, R> extends ServerCall<Q, R> {
    private final ServerCall<Parsed<Q>, R> call;
    private final MethodDescriptor<Q, R> method;
    private volatile boolean closed;

    Unwrapped(ServerCall<Parsed<Q>, R> call, MethodDescriptor<Q, R> method) {
      this.call = call;
      this.method = method;
    }

    @Override
    public void request(int numMessages) {
      call.request(numMessages);
    }

    @Override
    public void sendHeaders(Metadata headers) {
      call.sendHeaders(headers);
    }

    @Override
    public void sendMessage(R message) {
      call.sendMessage(message);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      closed = true;
      call.close(status, trailers);
    }

    @Override
    public boolean isCancelled() {
      return call.isCancelled();
    }

    @Override
    public boolean isReady() {
      return call.isReady();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      call.setMessageCompression(enabled);
    }

    @Override
    public void setCompression(String compressor) {
      call.setCompression(compressor);
    }

    @Override
    public void setOnReadyThreshold(int numBytes) {
      call.setOnReadyThreshold(numBytes);
    }

    @Override
    public Attributes getAttributes() {
      return call.getAttributes();
    }

    @Override
    public String getAuthority() {
      return call.getAuthority();
    }

    @Override
    public MethodDescriptor<Q, R> getMethodDescriptor() {
      return method;
    }
  }
}
