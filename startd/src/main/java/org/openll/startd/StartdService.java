package org.openll.startd;

import io.grpc.stub.StreamObserver;
import org.openll.api.v1.CancelStepRequest;
import org.openll.api.v1.CancelStepResponse;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StartStepResponse;
import org.openll.api.v1.StartdGrpc;

/** The {@code Startd} gRPC service: a thin adapter over {@link StepLauncher}. Errors are mapped by the server's interceptor. */
public final class StartdService extends StartdGrpc.StartdImplBase {
  private final StepLauncher launcher;

  public StartdService(StepLauncher launcher) {
    this.launcher = launcher;
  }

  @Override
  public void startStep(StartStepRequest request, StreamObserver<StartStepResponse> response) {
    launcher.start(request);
    response.onNext(StartStepResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void cancelStep(CancelStepRequest request, StreamObserver<CancelStepResponse> response) {
    launcher.cancel(request.getStepId(), request.getReason().isEmpty() ? "llcancel" : request.getReason());
    response.onNext(CancelStepResponse.getDefaultInstance());
    response.onCompleted();
  }
}
