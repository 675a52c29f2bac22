package org.openll.startd;

import io.grpc.stub.StreamObserver;
import org.openll.api.v1.CancelStepRequest;
import org.openll.api.v1.CancelStepResponse;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StartStepResponse;
import org.openll.api.v1.StartdGrpc;
import org.openll.common.authz.Authorization;
import org.openll.common.errors.OpenllException;

/**
 * The {@code Startd} gRPC service: a thin adapter over {@link StepLauncher}. Errors are mapped by the
 * server's interceptor. Only schedds call it (the server's role check); beyond that, a schedd starts
 * only steps in its own name ({@code launch.schedd_host} is the machine its certificate names) and
 * cancels only its own steps, so one schedd cannot start work as another nor kill another's steps.
 * The claim secret ({@link ClaimTable}) proves the negotiator allotted this machine to the step.
 */
public final class StartdService extends StartdGrpc.StartdImplBase {
  private final StepLauncher launcher;
  private final DrainState drain;
  private final ClaimTable claims;

  public StartdService(StepLauncher launcher) {
    this(launcher, new DrainState(), null);
  }

  /** Refuses new steps that {@code drain} does not let start (a permit made before the drain reached the negotiator). */
  public StartdService(StepLauncher launcher, DrainState drain, ClaimTable claims) {
    this.launcher = launcher;
    this.drain = drain;
    this.claims = claims;
  }

  @Override
  public void startStep(StartStepRequest request, StreamObserver<StartStepResponse> response) {
    String stepId = request.getLaunch().getStepId();
    String schedd = request.getLaunch().getScheddHost();
    Authorization.checkDaemonOf(schedd, "start steps of schedd " + schedd);
    String jobClass = request.getLaunch().getSpec().getJobClass();
    // a step already here (a schedd resending its StartStep) is answered as before
    if (drain.refuses(jobClass) && (claims == null || !claims.holds(stepId))) {
      throw OpenllException.failedPrecondition("step " + stepId + ": this startd is " + drain.describe()
          + " (llctl drain); it starts no new step" + (drain.machineDrained() ? "" : " of class " + jobClass));
    }
    launcher.start(request);
    response.onNext(StartStepResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void cancelStep(CancelStepRequest request, StreamObserver<CancelStepResponse> response) {
    Authorization.caller();
    launcher.scheddOf(request.getStepId()).ifPresent(schedd -> Authorization.checkDaemonOf(schedd,
        "cancel step " + request.getStepId() + " of schedd " + schedd));
    launcher.cancel(request.getStepId(), request.getReason().isEmpty() ? "llcancel" : request.getReason());
    response.onNext(CancelStepResponse.getDefaultInstance());
    response.onCompleted();
  }
}
