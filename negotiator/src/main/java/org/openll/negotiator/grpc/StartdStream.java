package org.openll.negotiator.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.NegotiatorToStartd;
import org.openll.api.v1.StartdToNegotiator;
import org.openll.common.authz.Authorization;
import org.openll.common.errors.OpenllException;
import org.openll.negotiator.cycle.CycleTrigger;
import org.openll.negotiator.match.Machine;
import org.openll.negotiator.registry.PoolRegistry;

/**
 * The inbound side of one startd session: each ad replaces the machine's previous one. An ad
 * without a machine name, or naming another machine than the session's first ad, closes the stream
 * with INVALID_ARGUMENT. The first ad's machine must be the one the startd's certificate names
 * ({@link Authorization#checkDaemonOf}), else PERMISSION_DENIED: one machine cannot advertise
 * another. The end of the stream, either way, marks the machine down.
 */
final class StartdStream implements StreamObserver<StartdToNegotiator> {
  private static final Logger LOG = LogManager.getLogger(StartdStream.class);

  private final PoolRegistry registry;
  private final CycleTrigger trigger;
  private final SerializedStream<NegotiatorToStartd> out;
  private final long sessionId;
  private String machine;
  private boolean ended;

  StartdStream(PoolRegistry registry, CycleTrigger trigger, StreamObserver<NegotiatorToStartd> responses) {
    this.registry = registry;
    this.trigger = trigger;
    this.out = new SerializedStream<>(responses);
    this.sessionId = registry.newStartdSessionId();
  }

  @Override
  public void onNext(StartdToNegotiator message) {
    if (ended) {
      return;
    }
    if (!message.hasAd()) {
      LOG.warn("startd session of {}: ignored a message of an unknown kind", machine);
      return;
    }
    try {
      Machine ad = NegotiatorProtos.toMachine(message.getAd());
      if (machine == null) {
        Authorization.checkDaemonOf(ad.name(), "advertise machine " + ad.name());
        machine = ad.name();
        LOG.info("machine {} joined from {}", machine, ad.address());
      } else if (!machine.equals(ad.name())) {
        throw OpenllException.invalidArgument("MachineAd.machine changed from " + machine + " to " + ad.name() + " in one session");
      }
      if (registry.updateMachine(sessionId, ad)) {
        trigger.requestCycle();
      }
    } catch (OpenllException e) {
      LOG.warn("startd session of {} closed: {}", machine == null ? "(no machine yet)" : machine, e.getMessage());
      end();
      out.fail(e.toStatus().getStatus());
    } catch (RuntimeException e) {
      LOG.error("startd session of {} failed", machine, e);
      end();
      out.fail(Status.INTERNAL.withDescription("negotiator error: " + e));
    }
  }

  private void end() {
    ended = true;
    if (machine != null) {
      registry.endStartdSession(sessionId, machine);
    }
  }

  @Override
  public void onError(Throwable t) {
    out.abandon();
    end();
  }

  @Override
  public void onCompleted() {
    end();
    out.complete();
  }
}
