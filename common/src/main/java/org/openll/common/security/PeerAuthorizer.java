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
 * Authenticates every call over TLS and refuses, with {@code PERMISSION_DENIED} and a log line naming
 * the certificate's subject, a call the peer's certificate does not entitle it to: a method reserved
 * to other roles ({@link RolePolicy}), or any call from a startd or schedd of a machine that may not
 * join ({@link MachineList}). The TLS handshake has already proven a certificate, when one was
 * presented, was issued by the cluster CA.
 *
 * <p>A call carrying a token ({@code authorization: Bearer TOKEN}, {@link BearerToken}) runs as the
 * token's user ({@link Caller.Authentication#TOKEN}), even when a client certificate is presented
 * too; a token that does not verify is {@code UNAUTHENTICATED} with the reason, logged with the peer
 * address and never the token. A token names a user, so it never opens a method reserved to
 * daemons. A call with neither a token nor a certificate is {@code UNAUTHENTICATED}. Otherwise the
 * call runs with the certificate's CN: a user for a client certificate, else a daemon's machine.
 */
public final class PeerAuthorizer implements ServerInterceptor {
  private static final Logger LOG = LogManager.getLogger(PeerAuthorizer.class);

  private final String daemonName;
  private final MachineList machines;
  private final Optional<TokenVerifier> tokens;

  /** Certificates only: a call with a token is refused as from an unverifiable source. */
  public PeerAuthorizer(String daemonName, MachineList machines) {
    this(daemonName, machines, Optional.empty());
  }

  public PeerAuthorizer(String daemonName, MachineList machines, Optional<TokenVerifier> tokens) {
    this.daemonName = daemonName;
    this.machines = machines;
    this.tokens = tokens;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Optional<String> token = BearerToken.of(headers);
    if (token.isPresent()) {
      return withToken(call, headers, next, method, token.get());
    }
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    Optional<PeerIdentity> peer = session == null ? Optional.empty() : PeerIdentity.of(session);
    if (peer.isEmpty()) {
      return refuse(call, Status.UNAUTHENTICATED, method, "no client certificate and no token", "no certificate");
    }
    Optional<String> refusal = refusal(peer, method);
    if (refusal.isPresent()) {
      return refuse(call, Status.PERMISSION_DENIED, method, refusal.get(), peer.get().subject());
    }
    PeerIdentity identity = peer.orElseThrow();
    Caller caller = new Caller(identity.name(), identity.role().orElseThrow() == Role.CLIENT
        ? Caller.Authentication.CLIENT_CERTIFICATE : Caller.Authentication.DAEMON_CERTIFICATE);
    return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller), call, headers, next);
  }

  private <Q, R> ServerCall.Listener<Q> withToken(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next, String method, String token) {
    if (tokens.isEmpty()) {
      return refuse(call, Status.UNAUTHENTICATED, method, "this daemon accepts no tokens", "a token");
    }
    ClusterToken verified;
    try {
      verified = tokens.get().verify(token);
    } catch (TokenVerifier.TokenException e) {
      return refuse(call, Status.UNAUTHENTICATED, method, e.getMessage(), "a token");
    }
    if (!RolePolicy.reservedTo(method).isEmpty()) {
      return refuse(call, Status.PERMISSION_DENIED, method, "reserved to the " + RolePolicy.reservedToText(method)
          + " certificate; a token names a user (" + verified.user() + ")", "token of " + verified.user());
    }
    Caller caller = new Caller(verified.user(), Caller.Authentication.TOKEN);
    return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller), call, headers, next);
  }

  private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status, String method, String reason,
      String who) {
    LOG.warn("{}: refused {} from {} ({}): {}", daemonName, method, who,
        call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), reason);
    call.close(status.withDescription(method + ": " + reason), new Metadata());
    return new ServerCall.Listener<>() {};
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
      return Optional.of("certificate " + identity.subject() + " is not a " + RolePolicy.reservedToText(method)
          + " certificate");
    }
    Role role = identity.role().orElseThrow();
    if ((role == Role.STARTD || role == Role.SCHEDD) && !machines.admits(identity.name())) {
      return Optional.of("machine " + identity.name() + " has no machine stanza in LoadL_admin (MACHINE_AUTHENTICATE)");
    }
    return Optional.empty();
  }
}
