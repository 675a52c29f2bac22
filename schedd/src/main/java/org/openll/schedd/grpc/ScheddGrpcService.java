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
import org.openll.common.errors.OpenllException;
import org.openll.schedd.admin.SubmitGate;
import org.openll.schedd.queue.JobQueue;
import org.openll.schedd.queue.StepModifications;
import org.openll.schedd.queue.SubmittedJob;

/**
 * The {@code Schedd} gRPC service: checks the request's required fields and hands it to the
 * {@link JobQueue}. Errors are thrown as {@link OpenllException} and mapped by the server's
 * interceptor. Every call answers only after its effect is committed.
 */
public final class ScheddGrpcService extends ScheddGrpc.ScheddImplBase {
  private final JobQueue queue;
  private final StepWatchHub watches;
  private final String scheddName;
  private final SubmitGate submits;

  public ScheddGrpcService(JobQueue queue, StepWatchHub watches, String scheddName) {
    this(queue, watches, scheddName, new SubmitGate());
  }

  /** {@code submits} refuses SubmitJob while the schedd is drained. */
  @Inject
  public ScheddGrpcService(JobQueue queue, StepWatchHub watches, @Named("scheddName") String scheddName,
      SubmitGate submits) {
    this.queue = queue;
    this.watches = watches;
    this.scheddName = scheddName;
    this.submits = submits;
  }

  /**
   * Registers a watcher on the {@link StepWatchHub}; events reach the stream from the hub's
   * executor, only while the stream is ready. See the rpc's contract in schedd.proto.
   */
  @Override
  public void watchSteps(WatchStepsRequest request, StreamObserver<StepEvent> response) {
    WatchFilter filter = WatchFilter.of(request.getIdsList(), request.getOwnersList(), scheddName);
    var call = (ServerCallStreamObserver<StepEvent>) response;
    WatchSink sink = new WatchSink() {
      @Override
      public boolean isReady() {
        return call.isReady();
      }

      @Override
      public void send(StepEvent event) {
        call.onNext(event);
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
    submits.checkOpen();
    SubmittedJob job = queue.submit(request.getJob(), request.getOwner());
    response.onNext(SubmitJobResponse.newBuilder().setJobId(job.jobId()).addAllStepIds(job.stepIds()).build());
    response.onCompleted();
  }

  @Override
  public void querySteps(QueryStepsRequest request, StreamObserver<QueryStepsResponse> response) {
    var page = queue.queryPage(request.getIdsList(), Set.copyOf(request.getOwnersList()), request.getIncludeFinished(),
        request.getPageSize(), request.getPageToken());
    response.onNext(QueryStepsResponse.newBuilder().addAllSteps(page.steps()).setNextPageToken(page.nextPageToken())
        .build());
    response.onCompleted();
  }

  @Override
  public void cancelSteps(CancelStepsRequest request, StreamObserver<CancelStepsResponse> response) {
    if (request.getIdsCount() == 0) {
      throw OpenllException.invalidArgument("ids: at least one job or step id is required");
    }
    if (request.getRequester().isBlank()) {
      throw OpenllException.invalidArgument("requester: is required");
    }
    var cancelled = queue.cancel(request.getIdsList(), request.getRequester());
    response.onNext(CancelStepsResponse.newBuilder().addAllStepIds(cancelled).build());
    response.onCompleted();
  }

  @Override
  public void holdSteps(HoldStepsRequest request, StreamObserver<HoldStepsResponse> response) {
    checkIdsAndRequester(request.getIdsCount(), request.getRequester());
    var held = queue.hold(request.getIdsList(), request.getHoldType(), request.getRequester());
    response.onNext(HoldStepsResponse.newBuilder().addAllStepIds(held).build());
    response.onCompleted();
  }

  @Override
  public void releaseSteps(ReleaseStepsRequest request, StreamObserver<ReleaseStepsResponse> response) {
    checkIdsAndRequester(request.getIdsCount(), request.getRequester());
    var released = queue.release(request.getIdsList(), request.getHoldType(), request.getRequester());
    response.onNext(ReleaseStepsResponse.newBuilder().addAllStepIds(released).build());
    response.onCompleted();
  }

  @Override
  public void setUserPriority(SetUserPriorityRequest request, StreamObserver<SetUserPriorityResponse> response) {
    checkIdsAndRequester(request.getIdsCount(), request.getRequester());
    var changed = switch (request.getChangeCase()) {
      case ABSOLUTE -> queue.setUserPriority(request.getIdsList(), request.getRequester(),
          OptionalInt.of(request.getAbsolute()), 0);
      case ADJUSTMENT -> queue.setUserPriority(request.getIdsList(), request.getRequester(), OptionalInt.empty(),
          request.getAdjustment());
      case CHANGE_NOT_SET -> throw OpenllException.invalidArgument("change: absolute or adjustment is required");
    };
    response.onNext(SetUserPriorityResponse.newBuilder().addAllStepIds(changed).build());
    response.onCompleted();
  }

  @Override
  public void modifySteps(ModifyStepsRequest request, StreamObserver<ModifyStepsResponse> response) {
    checkIdsAndRequester(request.getIdsCount(), request.getRequester());
    var change = new StepModifications.Change(
        request.hasJobClass() ? Optional.of(request.getJobClass().strip()) : Optional.empty(),
        request.hasWallClockLimit() ? Optional.of(request.getWallClockLimit()) : Optional.empty(),
        request.hasAccountNo() ? Optional.of(request.getAccountNo()) : Optional.empty(),
        request.hasUserPriority() ? OptionalInt.of(request.getUserPriority()) : OptionalInt.empty());
    var changed = queue.modify(request.getIdsList(), request.getRequester(), change);
    response.onNext(ModifyStepsResponse.newBuilder().addAllStepIds(changed).build());
    response.onCompleted();
  }

  private static void checkIdsAndRequester(int ids, String requester) {
    if (ids == 0) {
      throw OpenllException.invalidArgument("ids: at least one job or step id is required");
    }
    if (requester.isBlank()) {
      throw OpenllException.invalidArgument("requester: is required");
    }
  }

  @Override
  public void reportStepUpdates(ReportStepUpdatesRequest request, StreamObserver<ReportStepUpdatesResponse> response) {
    if (request.getMachine().isBlank()) {
      throw OpenllException.invalidArgument("machine: is required");
    }
    if (request.getUpdatesCount() == 0) {
      throw OpenllException.invalidArgument("updates: at least one update is required");
    }
    queue.onUpdates(request.getMachine(), request.getUpdatesList());
    response.onNext(ReportStepUpdatesResponse.getDefaultInstance());
    response.onCompleted();
  }
}
