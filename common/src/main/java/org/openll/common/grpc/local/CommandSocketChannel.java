package org.openll.common.grpc.local;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A channel to a daemon's command socket ({@link CommandSocketServer}): gRPC stubs work on it as
 * on any channel, but a call is one Unix-domain connection carrying {@code local_call.proto}, so a
 * command loads neither netty nor TLS. Unary and server-streaming methods only (what the commands
 * call).
 */
public final class CommandSocketChannel extends ManagedChannel {
  private final Path socket;
  private volatile boolean shutdown;

  public CommandSocketChannel(Path socket) {
    this.socket = socket;
  }

  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    return new LocalClientCall<>(socket, method, options);
  }

  @Override
  public String authority() {
    return socket.toString();
  }

  @Override
  public ManagedChannel shutdown() {
    shutdown = true;
    return this;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public ManagedChannel shutdownNow() {
    return shutdown();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return shutdown;
  }
}
