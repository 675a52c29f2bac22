package org.openll.common.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import org.openll.common.grpc.Requesters;

/**
 * Under the plaintext development switch only: every call runs with the {@link Caller} its client
 * claims ({@value Requesters#USER_HEADER}, else the peer's address), since nothing can be verified.
 */
public final class ClaimedCaller implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Caller caller = new Caller(Requesters.claimedOrPeer().apply(call, headers), Caller.Authentication.CLAIMED_INSECURE);
    return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller), call, headers, next);
  }
}
