package org.openll.negotiator.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.ClaimHandover;
import org.openll.api.v1.DispatchedStep;
import org.openll.api.v1.IdleStep;
import org.openll.api.v1.NegotiatorToSchedd;
import org.openll.api.v1.ScheddHello;
import org.openll.api.v1.ScheddToNegotiator;
import org.openll.common.authz.Authorization;
import org.openll.common.errors.OpenllException;
import org.openll.negotiator.cycle.CycleTrigger;
import org.openll.negotiator.match.Allocation;
import org.openll.negotiator.match.IdleStepAd;
import org.openll.negotiator.registry.MachineNoticeSink;
import org.openll.negotiator.registry.PermitSink;
import org.openll.negotiator.registry.PoolRegistry;
import org.openll.negotiator.registry.ScheddSession;

/**
 * The inbound side of one schedd session. The first message must be a hello, else the stream is
 * closed with INVALID_ARGUMENT; a hello naming another schedd than the caller's certificate with
 * PERMISSION_DENIED ({@link Authorization#checkDaemonOf}), so no schedd receives another's permits. An invalid step inside {@code IdleSteps} or {@code DispatchedSteps} is skipped and logged (closing
 * the session would only make the schedd reconnect and resend it). gRPC delivers inbound calls one
 * at a time; the response stream is shared with the cycle and serialized.
 */
final class ScheddStream implements StreamObserver<ScheddToNegotiator> {
  private static final Logger LOG = LogManager.getLogger(ScheddStream.class);

  private final PoolRegistry registry;
  private final CycleTrigger trigger;
  private final SerializedStream<NegotiatorToSchedd> out;
  private ScheddSession session;
  private boolean ended;

  ScheddStream(PoolRegistry registry, CycleTrigger trigger, StreamObserver<NegotiatorToSchedd> responses) {
    this.registry = registry;
    this.trigger = trigger;
    this.out = new SerializedStream<>(responses);
  }

  @Override
  public void onNext(ScheddToNegotiator message) {
    if (ended) {
      return;
    }
    try {
      handle(message);
    } catch (OpenllException e) {
      LOG.warn("schedd session {} closed: {}", session == null ? "(before its hello)" : session, e.getMessage());
      end(e.toStatus().getStatus());
    } catch (RuntimeException e) {
      LOG.error("schedd session {} failed", session, e);
      end(Status.INTERNAL.withDescription("negotiator error: " + e));
    }
  }

  private void handle(ScheddToNegotiator message) {
    if (session == null) {
      if (!message.hasHello()) {
        throw OpenllException.invalidArgument("the first message of a schedd session must be hello, got " + message.getKindCase());
      }
      session = open(message.getHello());
      return;
    }
    switch (message.getKindCase()) {
      case HELLO -> throw OpenllException.invalidArgument("hello sent twice in one session");
      case IDLE -> {
        if (registry.addIdleSteps(session, convert(message.getIdle().getStepsList()))) {
          trigger.requestCycle();
        }
      }
      case WITHDRAW -> registry.withdrawSteps(session, message.getWithdraw().getStepIdsList());
      case DISPATCHED -> {
        if (registry.adoptDispatched(session, convertDispatched(message.getDispatched().getStepsList()))) {
          trigger.requestCycle();
        }
      }
      case RELEASE -> {
        if (registry.releaseSteps(session, message.getRelease().getStepIdsList())) {
          trigger.requestCycle();
        }
      }
      case HANDOVERS -> registry.handOver(session, convertHandovers(message.getHandovers().getHandoversList()));
      case KIND_NOT_SET -> LOG.warn("{}: ignored a message of an unknown kind", session);
    }
  }

  private ScheddSession open(ScheddHello hello) {
    if (hello.getScheddName().isBlank()) {
      throw OpenllException.invalidArgument("ScheddHello.schedd_name is required");
    }
    if (hello.getAddress().isBlank()) {
      throw OpenllException.invalidArgument("ScheddHello.address is required");
    }
    Authorization.checkDaemonOf(hello.getScheddName(), "open the session of schedd " + hello.getScheddName());
    PermitSink sink = grant -> out.send(NegotiatorToSchedd.newBuilder().setPermit(NegotiatorProtos.toPermit(grant)).build());
    MachineNoticeSink notices = notice -> out.send(NegotiatorProtos.toMessage(notice));
    ScheddSession opened = registry.openScheddSession(hello.getScheddName(), hello.getAddress(), sink, notices);
    registry.helloNotices().forEach(notices::send);
    return opened;
  }

  private List<IdleStepAd> convert(List<IdleStep> steps) {
    List<IdleStepAd> result = new ArrayList<>(steps.size());
    for (IdleStep step : steps) {
      try {
        result.add(NegotiatorProtos.toIdleStep(step));
      } catch (OpenllException e) {
        LOG.warn("{}: skipped an idle step: {}", session, e.getMessage());
      }
    }
    return result;
  }

  private List<Allocation> convertDispatched(List<DispatchedStep> steps) {
    List<Allocation> result = new ArrayList<>(steps.size());
    for (DispatchedStep step : steps) {
      try {
        result.add(NegotiatorProtos.toAllocation(step));
      } catch (OpenllException e) {
        LOG.warn("{}: skipped a dispatched step: {}", session, e.getMessage());
      }
    }
    return result;
  }

  private List<PoolRegistry.Handover> convertHandovers(List<ClaimHandover> handovers) {
    List<PoolRegistry.Handover> result = new ArrayList<>(handovers.size());
    for (ClaimHandover handover : handovers) {
      try {
        result.add(new PoolRegistry.Handover(handover.getEndedStepId(), NegotiatorProtos.toAllocation(handover.getNext())));
      } catch (OpenllException e) {
        LOG.warn("{}: skipped a claim handover from {}: {}", session, handover.getEndedStepId(), e.getMessage());
      }
    }
    return result;
  }

  private void end(Status status) {
    ended = true;
    if (session != null) {
      registry.closeScheddSession(session);
    }
    out.fail(status);
  }

  @Override
  public void onError(Throwable t) {
    ended = true;
    out.abandon();
    if (session != null) {
      registry.closeScheddSession(session);
    }
  }

  @Override
  public void onCompleted() {
    ended = true;
    if (session != null) {
      registry.closeScheddSession(session);
    }
    out.complete();
  }
}
