package org.openll.common.security;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * A token as gRPC call credentials: the {@code authorization: Bearer TOKEN} header (RFC 6750), what
 * every gRPC library sends for access tokens (Python's {@code access_token_call_credentials}, Node's
 * {@code createFromMetadataGenerator}). gRPC sends call credentials over TLS channels only.
 */
public final class BearerToken extends CallCredentials {
  static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String SCHEME = "Bearer ";

  private final String token;

  public BearerToken(String token) {
    this.token = token.strip();
  }

  /** The token of a call's {@code authorization: Bearer} header, if it has one. */
  public static Optional<String> of(Metadata headers) {
    String value = headers.get(AUTHORIZATION);
    if (value == null || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    return Optional.of(value.substring(SCHEME.length()).strip());
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
    if (info.getSecurityLevel() != io.grpc.SecurityLevel.PRIVACY_AND_INTEGRITY) {
      applier.fail(io.grpc.Status.UNAUTHENTICATED.withDescription("a token is sent over TLS only"));
      return;
    }
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, SCHEME + token);
    applier.apply(headers);
  }

  @Override
  public String toString() {
    return "BearerToken(<redacted>)";
  }
}
