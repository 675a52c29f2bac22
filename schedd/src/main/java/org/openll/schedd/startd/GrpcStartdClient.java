package org.openll.schedd.startd;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openll.api.v1.CancelStepRequest;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StartdGrpc;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;
import org.openll.schedd.queue.StartdClient;

/**
 * {@link StartdClient} over gRPC: one cached channel per startd address, a deadline on every call.
 * When the address of a step's startd is unknown (after a schedd restart) it is read from the
 * startd's published address file. Thread-safe; closes its channels when stopped.
 */
public final class GrpcStartdClient extends AbstractIdleService implements StartdClient {
  private final ClusterHome home;
  private final Duration deadline;
  private final Function<HostPort, ManagedChannel> channelFactory;
  private final ConcurrentHashMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  public GrpcStartdClient(ClusterHome home, Duration deadline, Function<HostPort, ManagedChannel> channelFactory) {
    this.home = home;
    this.deadline = deadline;
    this.channelFactory = channelFactory;
  }

  @Override
  public CompletableFuture<Void> startStep(String address, StartStepRequest request) {
    return call(address, stub -> stub.startStep(request));
  }

  @Override
  public CompletableFuture<Void> cancelStep(String machine, String address, CancelStepRequest request) {
    String target = address.isEmpty() ? home.readAddress("startd-" + machine).orElse("") : address;
    if (target.isEmpty()) {
      return CompletableFuture.failedFuture(Status.UNAVAILABLE
          .withDescription("no address known for the startd of " + machine).asRuntimeException());
    }
    return call(target, stub -> stub.cancelStep(request));
  }

  private <T> CompletableFuture<Void> call(String address, Function<StartdGrpc.StartdFutureStub, ListenableFuture<T>> rpc) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    ListenableFuture<T> future;
    try {
      ManagedChannel channel = channels.computeIfAbsent(address, a -> channelFactory.apply(HostPort.parse(a)));
      // a call made while serving a user's request (llcancel) must outlive that request: detach it
      // from the caller's gRPC context, which is cancelled as soon as the user has the answer
      StartdGrpc.StartdFutureStub stub =
          StartdGrpc.newFutureStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
      Context previous = Context.ROOT.attach();
      try {
        future = rpc.apply(stub);
      } finally {
        Context.ROOT.detach(previous);
      }
    } catch (IllegalArgumentException e) {
      result.completeExceptionally(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return result;
    }
    Futures.addCallback(future, new FutureCallback<T>() {
      @Override
      public void onSuccess(T value) {
        result.complete(null);
      }

      @Override
      public void onFailure(Throwable t) {
        result.completeExceptionally(t);
      }
    }, MoreExecutors.directExecutor());
    return result;
  }

  @Override
  protected void startUp() {}

  @Override
  protected void shutDown() {
    channels.values().forEach(Channels::close);
    channels.clear();
  }
}
