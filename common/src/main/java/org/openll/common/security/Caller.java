package org.openll.common.security;

import io.grpc.Context;
import java.util.Optional;

/**
 * Who made the current call, as the daemon verified it: the user (or, for a daemon's certificate,
 * the machine) and how that was established. Set in the call's {@link Context} by the server's
 * authentication interceptor before any service runs; services read {@link #current()} and never
 * trust a user named in a request.
 */
public record Caller(String name, Authentication how) {
  /** How the daemon knows who the caller is. */
  public enum Authentication {
    /** The kernel's peer credentials of a Unix-domain socket connection (same machine). */
    UNIX_SOCKET,
    /** A cluster-CA client certificate ({@code OU=client}) whose CN is the user. */
    CLIENT_CERTIFICATE,
    /** A signed token sent as call credentials over TLS. */
    TOKEN,
    /** A daemon certificate ({@code OU=negotiator|schedd|startd}): {@link #name} is the machine. */
    DAEMON_CERTIFICATE,
    /** Development switch only (plaintext): the user the client claims, unverified. */
    CLAIMED_INSECURE
  }

  public static final Context.Key<Caller> KEY = Context.key("openll-caller");

  /** The verified caller of the call this thread serves, if its server authenticated one. */
  public static Optional<Caller> current() {
    return Optional.ofNullable(KEY.get());
  }

  /** True when {@link #name} is a user rather than a daemon's machine. */
  public boolean isUser() {
    return how != Authentication.DAEMON_CERTIFICATE;
  }
}
