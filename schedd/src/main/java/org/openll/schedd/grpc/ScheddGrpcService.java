package org.openll.schedd.grpc;

import com.google.inject.Inject;
import com.google.inject.name.Named;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.openll.api.v1.CancelStepsRequest;
import org.openll.api.v1.CancelStepsResponse;
import org.openll.api.v1.HoldStepsRequest;
import org.openll.api.v1.HoldStepsResponse;
import org.openll.api.v1.ModifyStepsRequest;
import org.openll.api.v1.ModifyStepsResponse;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.QueryStepsResponse;
import org.openll.api.v1.ReleaseStepsRequest;
import org.openll.api.v1.ReleaseStepsResponse;
import org.openll.api.v1.ReportStepUpdatesRequest;
import org.openll.api.v1.ReportStepUpdatesResponse;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.SetUserPriorityRequest;
import org.openll.api.v1.SetUserPriorityResponse;
import org.openll.api.v1.SubmitJobRequest;
import org.openll.api.v1.SubmitJobResponse;
import org.openll.api.v1.StepEvent;
import org.openll.api.v1.WatchStepsRequest;
import org.openll.schedd.watch.StepWatchHub;
import org.openll.schedd.watch.WatchFilter;
import org.openll.schedd.watch.WatchSink;
import org.openll.schedd.watch.Watcher;
import org.openll.common.admin.AdminConfig;
import org.openll.common.authz.Authorization;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.errors.OpenllException;
import org.openll.common.security.Caller;
import org.openll.schedd.config.AdminInputs;
import org.openll.schedd.admin.SubmitGate;
import org.openll.schedd.queue.JobQueue;
import org.openll.schedd.queue.StepModifications;
import org.openll.schedd.queue.StepPrivacy;
import org.openll.schedd.queue.SubmittedJob;

/**
 * The {@code Schedd} gRPC service: checks the request's required fields and hands it to the
 * {@link JobQueue}. Errors are thrown as {@link OpenllException} and mapped by the server's
 * interceptor. Every call answers only after its effect is committed.
 *
 * <p>Who asks is the call's verified caller ({@link Authorization}), never a request's
 * {@code owner} or {@code requester}: those may be empty or name the caller, anyone else is refused.
 * The queue checks that the caller owns the steps or is an administrator; queries show other users'
 * steps through {@link StepPrivacy}; {@code ReportStepUpdates} is taken only from the startd of the
 * machine it names.
 */
public final class ScheddGrpcService extends ScheddGrpc.ScheddImplBase {
  private final JobQueue queue;
  private final StepWatchHub watches;
  private final String scheddName;
  private final SubmitGate submits;
  private final StepPrivacy privacy;

  /** Administrators are LOADL_ADMIN's defaults: the user this process runs as. */
  public ScheddGrpcService(JobQueue queue, StepWatchHub watches, String scheddName) {
    this(queue, watches, scheddName, new SubmitGate(),
        AdminInputs.of(AdminConfig.empty(), SchedulingConfig.defaults()));
  }

  /** {@code submits} refuses SubmitJob while the schedd is drained; {@code config} says who administers. */
  @Inject
  public ScheddGrpcService(JobQueue queue, StepWatchHub watches, @Named("scheddName") String scheddName,
      SubmitGate submits, AdminInputs config) {
    this.queue = queue;
    this.watches = watches;
    this.scheddName = scheddName;
    this.submits = submits;
    this.privacy = new StepPrivacy(user -> config.scheduling().isAdministrator(user));
  }

  /**
   * Registers a watcher on the {@link StepWatchHub}; events reach the stream from the hub's
   * executor, only while the stream is ready. See the rpc's contract in schedd.proto.
   */
  @Override
  public void watchSteps(WatchStepsRequest request, StreamObserver<StepEvent> response) {
    Caller caller = Authorization.caller();
    WatchFilter filter = WatchFilter.of(request.getIdsList(), request.getOwnersList(), scheddName);
    var call = (ServerCallStreamObserver<StepEvent>) response;
    WatchSink sink = new WatchSink() {
      @Override
      public boolean isReady() {
        return call.isReady();
      }

      @Override
      public void send(StepEvent event) {
        call.onNext(event.hasStep() ? event.toBuilder().setStep(privacy.view(event.getStep(), caller)).build() : event);
      }

      @Override
      public void fail(OpenllException error) {
        call.onError(error.toStatus());
      }
    };
    // the handlers are set before the first event can be sent; the watcher they reach is set below
    AtomicReference<Watcher> watcher = new AtomicReference<>();
    call.setOnCancelHandler(() -> {
      Watcher w = watcher.get();
      if (w != null) {
        w.cancel();
      }
    });
    call.setOnReadyHandler(() -> {
      Watcher w = watcher.get();
      if (w != null) {
        w.onReady();
      }
    });
    if (request.getResumeToken().isEmpty()) {
      watcher.set(queue.whileQuiet(() -> watches.watch(filter,
          () -> queue.query(request.getIdsList(), Set.copyOf(request.getOwnersList()), request.getIncludeFinished()), sink)));
    } else {
      watcher.set(watches.resume(filter, request.getResumeToken(), sink));
    }
    if (call.isCancelled()) {
      watcher.get().cancel();
    }
  }

  @Override
  public void submitJob(SubmitJobRequest request, StreamObserver<SubmitJobResponse> response) {
    if (!request.hasJob()) {
      throw OpenllException.invalidArgument("job: is required");
    }
    String owner = Authorization.user("owner", request.getOwner());
    submits.checkOpen();
    SubmittedJob job = queue.submit(request.getJob(), owner);
    response.onNext(SubmitJobResponse.newBuilder().setJobId(job.jobId()).addAllStepIds(job.stepIds()).build());
    response.onCompleted();
  }

  @Override
  public void querySteps(QueryStepsRequest request, StreamObserver<QueryStepsResponse> response) {
    Caller caller = Authorization.caller();
    var page = queue.queryPage(request.getIdsList(), Set.copyOf(request.getOwnersList()), request.getIncludeFinished(),
        request.getPageSize(), request.getPageToken());
    response.onNext(QueryStepsResponse.newBuilder()
        .addAllSteps(page.steps().stream().map(step -> privacy.view(step, caller)).toList())
        .setNextPageToken(page.nextPageToken()).build());
    response.onCompleted();
  }

  @Override
  public void cancelSteps(CancelStepsRequest request, StreamObserver<CancelStepsResponse> response) {
    String requester = requester(request.getIdsCount(), request.getRequester());
    var cancelled = queue.cancel(request.getIdsList(), requester);
    response.onNext(CancelStepsResponse.newBuilder().addAllStepIds(cancelled).build());
    response.onCompleted();
  }

  @Override
  public void holdSteps(HoldStepsRequest request, StreamObserver<HoldStepsResponse> response) {
    String requester = requester(request.getIdsCount(), request.getRequester());
    var held = queue.hold(request.getIdsList(), request.getHoldType(), requester);
    response.onNext(HoldStepsResponse.newBuilder().addAllStepIds(held).build());
    response.onCompleted();
  }

  @Override
  public void releaseSteps(ReleaseStepsRequest request, StreamObserver<ReleaseStepsResponse> response) {
    String requester = requester(request.getIdsCount(), request.getRequester());
    var released = queue.release(request.getIdsList(), request.getHoldType(), requester);
    response.onNext(ReleaseStepsResponse.newBuilder().addAllStepIds(released).build());
    response.onCompleted();
  }

  @Override
  public void setUserPriority(SetUserPriorityRequest request, StreamObserver<SetUserPriorityResponse> response) {
    String requester = requester(request.getIdsCount(), request.getRequester());
    var changed = switch (request.getChangeCase()) {
      case ABSOLUTE -> queue.setUserPriority(request.getIdsList(), requester,
          OptionalInt.of(request.getAbsolute()), 0);
      case ADJUSTMENT -> queue.setUserPriority(request.getIdsList(), requester, OptionalInt.empty(),
          request.getAdjustment());
      case CHANGE_NOT_SET -> throw OpenllException.invalidArgument("change: absolute or adjustment is required");
    };
    response.onNext(SetUserPriorityResponse.newBuilder().addAllStepIds(changed).build());
    response.onCompleted();
  }

  @Override
  public void modifySteps(ModifyStepsRequest request, StreamObserver<ModifyStepsResponse> response) {
    String requester = requester(request.getIdsCount(), request.getRequester());
    var change = new StepModifications.Change(
        request.hasJobClass() ? Optional.of(request.getJobClass().strip()) : Optional.empty(),
        request.hasWallClockLimit() ? Optional.of(request.getWallClockLimit()) : Optional.empty(),
        request.hasAccountNo() ? Optional.of(request.getAccountNo()) : Optional.empty(),
        request.hasUserPriority() ? OptionalInt.of(request.getUserPriority()) : OptionalInt.empty());
    var changed = queue.modify(request.getIdsList(), requester, change);
    response.onNext(ModifyStepsResponse.newBuilder().addAllStepIds(changed).build());
    response.onCompleted();
  }

  /** The verified user asking to act on {@code ids} steps; {@code requester} must be empty or name them. */
  private static String requester(int ids, String requester) {
    String user = Authorization.user("requester", requester);
    if (ids == 0) {
      throw OpenllException.invalidArgument("ids: at least one job or step id is required");
    }
    return user;
  }

  @Override
  public void reportStepUpdates(ReportStepUpdatesRequest request, StreamObserver<ReportStepUpdatesResponse> response) {
    if (request.getMachine().isBlank()) {
      throw OpenllException.invalidArgument("machine: is required");
    }
    if (request.getUpdatesCount() == 0) {
      throw OpenllException.invalidArgument("updates: at least one update is required");
    }
    // only the startd of that machine; the queue then takes only updates of steps dispatched there
    Authorization.checkDaemonOf(request.getMachine(), "report the steps of machine " + request.getMachine());
    queue.onUpdates(request.getMachine(), request.getUpdatesList());
    response.onNext(ReportStepUpdatesResponse.getDefaultInstance());
    response.onCompleted();
  }
}
