package org.openll.common.authz;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.stub.AbstractStub;
import java.util.concurrent.Callable;
import org.openll.common.security.Caller;

/**
 * Callers for tests, shared by every test that needs one. In-process gRPC: install {@link #server()}
 * on the server and call through {@link #as(AbstractStub, String)}: each call runs with the
 * {@link Caller} its client names in a test header, as the real authentication interceptors would
 * set it; a call without the header runs with no Caller (a server that authenticates nobody).
 * Plain Java: {@link #call(Caller, Callable)} runs code with a Caller in its Context.
 */
public final class TestCallers {
  private static final Metadata.Key<String> NAME = Metadata.Key.of("x-test-caller", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> HOW = Metadata.Key.of("x-test-caller-how", Metadata.ASCII_STRING_MARSHALLER);

  private TestCallers() {}

  /** A user known by a client certificate. */
  public static Caller user(String name) {
    return new Caller(name, Caller.Authentication.CLIENT_CERTIFICATE);
  }

  /** A daemon known by its certificate for {@code machine}. */
  public static Caller daemon(String machine) {
    return new Caller(machine, Caller.Authentication.DAEMON_CERTIFICATE);
  }

  /** The server side: runs each call with the Caller its client named, or none. */
  public static ServerInterceptor server() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        String name = headers.get(NAME);
        if (name == null) {
          return next.startCall(call, headers);
        }
        Caller caller = new Caller(name, Caller.Authentication.valueOf(headers.get(HOW)));
        return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller), call, headers, next);
      }
    };
  }

  /** The client side: every call names {@code caller}. */
  public static ClientInterceptor as(Caller caller) {
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
          @Override
          public void start(Listener<R> listener, Metadata headers) {
            headers.put(NAME, caller.name());
            headers.put(HOW, caller.how().name());
            super.start(listener, headers);
          }
        };
      }
    };
  }

  /** {@code stub} calling as user {@code name} (a client certificate). */
  public static <S extends AbstractStub<S>> S as(S stub, String name) {
    return stub.withInterceptors(as(user(name)));
  }

  /** {@code stub} calling as {@code caller}. */
  public static <S extends AbstractStub<S>> S as(S stub, Caller caller) {
    return stub.withInterceptors(as(caller));
  }

  /** Runs {@code code} with {@code caller} in the current Context, as a service method would. */
  public static <T> T call(Caller caller, Callable<T> code) {
    try {
      return Context.current().withValue(Caller.KEY, caller).call(code);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link #call} for code that returns nothing. */
  public static void run(Caller caller, Runnable code) {
    Context.current().withValue(Caller.KEY, caller).run(code);
  }
}
