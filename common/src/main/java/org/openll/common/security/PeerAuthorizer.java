package org.openll.common.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Refuses, with {@code PERMISSION_DENIED} and a log line naming the certificate's subject, a call the
 * peer's certificate does not entitle it to: a method reserved to other roles ({@link RolePolicy}),
 * or any call from a startd or schedd of a machine that may not join ({@link MachineList}).
 * The TLS handshake has already proven the certificate was issued by the cluster CA. A call let
 * through runs with its {@link Caller}: the certificate's CN, a user for a client certificate, else
 * a daemon's machine.
 */
public final class PeerAuthorizer implements ServerInterceptor {
  private static final Logger LOG = LogManager.getLogger(PeerAuthorizer.class);

  private final String daemonName;
  private final MachineList machines;

  public PeerAuthorizer(String daemonName, MachineList machines) {
    this.daemonName = daemonName;
    this.machines = machines;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    Optional<PeerIdentity> peer = session == null ? Optional.empty() : PeerIdentity.of(session);
    Optional<String> refusal = refusal(peer, method);
    if (refusal.isPresent()) {
      LOG.warn("{}: refused {} from {} ({}): {}", daemonName, method,
          peer.map(PeerIdentity::subject).orElse("no certificate"), call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
          refusal.get());
      call.close(Status.PERMISSION_DENIED.withDescription(method + ": " + refusal.get()), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    PeerIdentity identity = peer.orElseThrow();
    Caller caller = new Caller(identity.name(), identity.role().orElseThrow() == Role.CLIENT
        ? Caller.Authentication.CLIENT_CERTIFICATE : Caller.Authentication.DAEMON_CERTIFICATE);
    return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller), call, headers, next);
  }

  /** Why {@code peer} may not call {@code method}; empty when it may. */
  Optional<String> refusal(Optional<PeerIdentity> peer, String method) {
    if (peer.isEmpty()) {
      return Optional.of("no client certificate");
    }
    PeerIdentity identity = peer.get();
    if (!RolePolicy.allows(identity.role(), method)) {
      if (identity.role().isEmpty()) {
        return Optional.of("certificate " + identity.subject() + " names no openll role (OU)");
      }
      return Optional.of("certificate " + identity.subject() + " is not a " + String.join(" or ",
          RolePolicy.reservedTo(method).stream().map(Role::unitName).sorted().toList()) + " certificate");
    }
    Role role = identity.role().orElseThrow();
    if ((role == Role.STARTD || role == Role.SCHEDD) && !machines.admits(identity.name())) {
      return Optional.of("machine " + identity.name() + " has no machine stanza in LoadL_admin (MACHINE_AUTHENTICATE)");
    }
    return Optional.empty();
  }
}
