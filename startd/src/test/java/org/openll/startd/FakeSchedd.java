package org.openll.startd;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.openll.api.v1.ReportStepUpdatesRequest;
import org.openll.api.v1.ReportStepUpdatesResponse;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StepUpdate;

/** An in-process schedd that records acknowledged updates and can refuse the next calls. */
final class FakeSchedd extends ScheddGrpc.ScheddImplBase implements AutoCloseable {
  final String name = InProcessServerBuilder.generateName();
  final AtomicInteger failuresLeft = new AtomicInteger();
  private final List<StepUpdate> committed = new ArrayList<>();
  private final List<Integer> batchSizes = new ArrayList<>();
  private final Server server;
  /** Told of every committed update, on the committing thread. */
  volatile java.util.function.Consumer<StepUpdate> listener = u -> {};

  FakeSchedd() throws IOException {
    server = InProcessServerBuilder.forName(name).directExecutor().addService(this).build().start();
  }

  static ChannelFactory channels() {
    return target -> InProcessChannelBuilder.forName(target).directExecutor().build();
  }

  @Override
  public void reportStepUpdates(ReportStepUpdatesRequest request, StreamObserver<ReportStepUpdatesResponse> response) {
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      response.onError(Status.UNAVAILABLE.withDescription("store busy").asRuntimeException());
      return;
    }
    synchronized (this) {
      committed.addAll(request.getUpdatesList());
      batchSizes.add(request.getUpdatesCount());
    }
    request.getUpdatesList().forEach(listener);
    response.onNext(ReportStepUpdatesResponse.getDefaultInstance());
    response.onCompleted();
  }

  synchronized List<StepUpdate> committed() {
    return new ArrayList<>(committed);
  }

  synchronized List<Integer> batchSizes() {
    return new ArrayList<>(batchSizes);
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
