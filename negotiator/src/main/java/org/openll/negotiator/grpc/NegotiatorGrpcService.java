package org.openll.negotiator.grpc;

import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import org.openll.api.v1.ExplainStepsRequest;
import org.openll.api.v1.ExplainStepsResponse;
import org.openll.api.v1.FavorStepsRequest;
import org.openll.api.v1.FavorStepsResponse;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.NegotiatorToSchedd;
import org.openll.api.v1.NegotiatorToStartd;
import org.openll.api.v1.QueryClassesRequest;
import org.openll.api.v1.QueryClassesResponse;
import org.openll.api.v1.QueryFairShareRequest;
import org.openll.api.v1.QueryFairShareResponse;
import org.openll.api.v1.QueryMachinesRequest;
import org.openll.api.v1.QueryMachinesResponse;
import org.openll.api.v1.ScheddToNegotiator;
import org.openll.api.v1.StartdToNegotiator;
import org.openll.common.authz.Authorization;
import org.openll.negotiator.admin.ClassQuery;
import org.openll.negotiator.admin.ExplainQuery;
import org.openll.negotiator.admin.FairShareQuery;
import org.openll.negotiator.cycle.CycleRunner;
import org.openll.negotiator.fairshare.FairShareLedger;
import org.openll.negotiator.favor.FavorList;
import org.openll.negotiator.favor.FavorRequests;
import org.openll.negotiator.policy.PolicyFiles;
import org.openll.negotiator.policy.PolicyInputs;
import org.openll.negotiator.registry.PoolRegistry;

/**
 * The Negotiator gRPC service: a thin adapter from the streams to the {@link PoolRegistry} and from
 * the queries to {@link ExplainQuery}, {@link ClassQuery}, {@link FairShareQuery} and
 * {@link FavorRequests}.
 */
public final class NegotiatorGrpcService extends NegotiatorGrpc.NegotiatorImplBase {
  private final PoolRegistry registry;
  private final CycleRunner cycles;
  private final PolicyInputs inputs;
  private final FairShareLedger ledger;
  private final FavorRequests favors;

  @Inject
  public NegotiatorGrpcService(PoolRegistry registry, CycleRunner cycles, PolicyInputs inputs, FairShareLedger ledger,
      FavorRequests favors) {
    this.registry = registry;
    this.cycles = cycles;
    this.inputs = inputs;
    this.ledger = ledger;
    this.favors = favors;
  }

  @Override
  public StreamObserver<ScheddToNegotiator> scheddSession(StreamObserver<NegotiatorToSchedd> responses) {
    return new ScheddStream(registry, cycles, responses);
  }

  @Override
  public StreamObserver<StartdToNegotiator> startdSession(StreamObserver<NegotiatorToStartd> responses) {
    return new StartdStream(registry, cycles, responses);
  }

  @Override
  public void queryMachines(QueryMachinesRequest request, StreamObserver<QueryMachinesResponse> responses) {
    Set<String> names = new HashSet<>(request.getMachinesList());
    QueryMachinesResponse.Builder response = QueryMachinesResponse.newBuilder();
    registry.machines().stream()
        .filter(view -> names.isEmpty() || names.contains(view.ad().name()))
        .forEach(view -> response.addMachines(NegotiatorProtos.toStatus(view)));
    responses.onNext(response.build());
    responses.onCompleted();
  }

  @Override
  public void explainSteps(ExplainStepsRequest request, StreamObserver<ExplainStepsResponse> responses) {
    responses.onNext(ExplainQuery.explain(request.getStepIdsList(), cycles.lastCycle()));
    responses.onCompleted();
  }

  @Override
  public void queryClasses(QueryClassesRequest request, StreamObserver<QueryClassesResponse> responses) {
    responses.onNext(ClassQuery.classes(request.getNamesList(), inputs.admin(), registry.machines(),
        registry.idleSteps(), registry.allocations()));
    responses.onCompleted();
  }

  @Override
  public void queryFairShare(QueryFairShareRequest request, StreamObserver<QueryFairShareResponse> responses) {
    PolicyFiles files = inputs.current();
    responses.onNext(FairShareQuery.fairShare(files.config(), files.admin(),
        ledger.entries(files.config().fairShareTotalShares())));
    responses.onCompleted();
  }

  @Override
  public void favorSteps(FavorStepsRequest request, StreamObserver<FavorStepsResponse> responses) {
    FavorList.Favored favored = favors.favor(Authorization.user("requester", request.getRequester()), request.getStepIdsList(),
        request.getUsersList(), request.getUnfavor());
    responses.onNext(FavorStepsResponse.newBuilder()
        .addAllFavoredStepIds(favored.steps().stream().sorted().toList())
        .addAllFavoredUsers(favored.users().stream().sorted().toList())
        .build());
    responses.onCompleted();
  }
}
