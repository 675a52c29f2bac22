package org.openll.negotiator.grpc;

import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.NegotiatorToSchedd;
import org.openll.api.v1.NegotiatorToStartd;
import org.openll.api.v1.QueryMachinesRequest;
import org.openll.api.v1.QueryMachinesResponse;
import org.openll.api.v1.ScheddToNegotiator;
import org.openll.api.v1.StartdToNegotiator;
import org.openll.negotiator.cycle.CycleTrigger;
import org.openll.negotiator.registry.PoolRegistry;

/** The Negotiator gRPC service: a thin adapter from the streams to the {@link PoolRegistry}. */
public final class NegotiatorGrpcService extends NegotiatorGrpc.NegotiatorImplBase {
  private final PoolRegistry registry;
  private final CycleTrigger trigger;

  @Inject
  public NegotiatorGrpcService(PoolRegistry registry, CycleTrigger trigger) {
    this.registry = registry;
    this.trigger = trigger;
  }

  @Override
  public StreamObserver<ScheddToNegotiator> scheddSession(StreamObserver<NegotiatorToSchedd> responses) {
    return new ScheddStream(registry, trigger, responses);
  }

  @Override
  public StreamObserver<StartdToNegotiator> startdSession(StreamObserver<NegotiatorToStartd> responses) {
    return new StartdStream(registry, trigger, responses);
  }

  @Override
  public void queryMachines(QueryMachinesRequest request, StreamObserver<QueryMachinesResponse> responses) {
    QueryMachinesResponse.Builder response = QueryMachinesResponse.newBuilder();
    registry.machines().forEach(view -> response.addMachines(NegotiatorProtos.toStatus(view)));
    responses.onNext(response.build());
    responses.onCompleted();
  }
}
