package org.openll.common.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs every call over a daemon's Unix-domain socket with the {@link Caller} the kernel vouches for:
 * the login name of the connecting process's uid ({@link PeerCredentialsNegotiator}). Calls there
 * are a local user's: a method {@link RolePolicy} reserves to daemons is refused with
 * {@code PERMISSION_DENIED}, and a connection without credentials with {@code UNAUTHENTICATED}.
 */
public final class UnixSocketAuthenticator implements ServerInterceptor {
  private static final Logger LOG = LogManager.getLogger(UnixSocketAuthenticator.class);

  private final String daemonName;
  private final UserNames names;

  public UnixSocketAuthenticator(String daemonName, UserNames names) {
    this.daemonName = daemonName;
    this.names = names;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Integer uid = call.getAttributes().get(PeerCredentialsNegotiator.PEER_UID);
    if (uid == null) {
      LOG.warn("{}: refused {} over the Unix socket: the kernel gave no peer credentials", daemonName, method);
      call.close(Status.UNAUTHENTICATED.withDescription(method + ": no peer credentials on the Unix socket"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    String user = names.name(uid);
    if (!RolePolicy.reservedTo(method).isEmpty()) {
      String roles = RolePolicy.reservedToText(method);
      LOG.warn("{}: refused {} from local user {} (uid {}) over the Unix socket: reserved to the {}", daemonName,
          method, user, uid, roles);
      call.close(Status.PERMISSION_DENIED.withDescription(method + ": reserved to the " + roles
          + " (its certificate, over TCP); user " + user + " called it over the Unix socket"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    Caller caller = new Caller(user, Caller.Authentication.UNIX_SOCKET);
    return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller), call, headers, next);
  }
}
