package org.openll.common.authz;

import org.openll.common.control.Administrators;
import org.openll.common.errors.OpenllException;
import org.openll.common.security.Caller;

/**
 * Who asks, as the services see it: the verified {@link Caller} of the current call (set by the
 * server's authentication interceptor), never a user a request names. A request's own user fields
 * ({@code owner}, {@code requester}) are kept for compatibility: empty or naming the caller, they are
 * ignored; naming anyone else, the call is refused. Fail closed: a call without a Caller (a server
 * that authenticates nobody) is UNAUTHENTICATED. Refusals are PERMISSION_DENIED naming who asked;
 * the error interceptor logs them with the caller ({@code ErrorMappingInterceptor}).
 */
public final class Authorization {
  private Authorization() {}

  /** The verified caller of the current call. */
  public static Caller caller() {
    return Caller.current().orElseThrow(() -> OpenllException.unauthenticated(
        "this call carries no verified identity (the server authenticates nobody), so it is refused"));
  }

  /**
   * The user making the current call, after checking that the request's {@code field} (its value
   * {@code named}) is empty or names that user. A daemon's certificate acts for no user. Under the
   * plaintext switch nothing is verified: a non-empty field is taken as the claim.
   */
  public static String user(String field, String named) {
    Caller caller = caller();
    if (!caller.isUser()) {
      throw OpenllException.permissionDenied("machine " + caller.name()
          + " (a daemon certificate) may not act for a user");
    }
    if (caller.how() == Caller.Authentication.CLAIMED_INSECURE && !named.isEmpty()) {
      return named; // plaintext: the field is as good a claim as the header, and older clients send only it
    }
    if (!named.isEmpty() && !named.equals(caller.name())) {
      throw OpenllException.permissionDenied("authenticated as " + describe(caller) + ", but " + field + " names "
          + named + ": " + caller.name() + " may not act as " + named);
    }
    return caller.name();
  }

  /** Refuses unless {@code user} is in LOADL_ADMIN; {@code action} completes "may not ...". */
  public static void checkAdministrator(String user, Administrators administrators, String action) {
    if (!administrators.isAdministrator(user)) {
      throw OpenllException.permissionDenied(user + " may not " + action
          + ": only an administrator in LOADL_ADMIN may");
    }
  }

  /**
   * Refuses a daemon-to-daemon call that does not come from a daemon of {@code machine}: the caller
   * must hold a daemon certificate for that machine (the server's role check, {@code RolePolicy},
   * has made sure of the role). {@code action} completes "may not ...". Under the plaintext switch
   * nothing names the machine, so the check is skipped there.
   */
  public static void checkDaemonOf(String machine, String action) {
    Caller caller = caller();
    switch (caller.how()) {
      case CLAIMED_INSECURE -> { }
      case DAEMON_CERTIFICATE -> {
        if (!caller.name().equals(machine)) {
          throw OpenllException.permissionDenied("the certificate of machine " + caller.name() + " may not " + action);
        }
      }
      default -> throw OpenllException.permissionDenied(describe(caller) + " may not " + action
          + ": only a daemon of " + machine + " may");
    }
  }

  /** Whether the current caller may see the private fields of {@code owner}'s steps: the owner or an administrator. */
  public static boolean maySeePrivateFields(Caller caller, String owner, Administrators administrators) {
    return caller.isUser() && (caller.name().equals(owner) || administrators.isAdministrator(caller.name()));
  }

  /** {@code alice (client certificate)}, for messages and logs. */
  public static String describe(Caller caller) {
    return caller.name() + " (" + switch (caller.how()) {
      case UNIX_SOCKET -> "Unix socket peer credentials";
      case CLIENT_CERTIFICATE -> "client certificate";
      case TOKEN -> "token";
      case DAEMON_CERTIFICATE -> "daemon certificate";
      case CLAIMED_INSECURE -> "claimed, unverified: OPENLL_INSECURE";
    } + ")";
  }
}
