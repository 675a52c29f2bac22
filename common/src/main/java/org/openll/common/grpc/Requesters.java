package org.openll.common.grpc;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.BiFunction;
import org.openll.common.security.Caller;
import org.openll.common.security.ClaimedCaller;

/**
 * Who made a call, for accounting per user (rate limits). {@link #verifiedOrClaimed} takes the
 * verified {@link Caller} of the call when its server authenticated one (a Unix socket's uid, a
 * token, a certificate), else {@link #claimedOrPeer}: the {@value #USER_HEADER} header the commands
 * send ({@link UserHeader}), else the peer's host address. The header is a claim, not a proof, so
 * what rests on it is accounting, never permission; it counts only under the plaintext switch.
 */
public final class Requesters {
  /** The metadata header a command names its user in. */
  public static final String USER_HEADER = "x-openll-user";

  static final Metadata.Key<String> USER_KEY = Metadata.Key.of(USER_HEADER, Metadata.ASCII_STRING_MARSHALLER);

  /** Longest user name taken from the header; a longer one is cut, so names cannot bloat memory. */
  static final int MAX_NAME_LENGTH = 64;

  private Requesters() {}

  /**
   * The caller's name as the server authenticated it (a daemon's certificate: {@code machine NAME};
   * under the plaintext switch the claim, {@link ClaimedCaller}); {@link #claimedOrPeer} when the
   * call has none. Must run inside the server's authenticator
   * ({@link GrpcServerService#addAuthenticatedInterceptor}).
   */
  public static BiFunction<ServerCall<?, ?>, Metadata, String> verifiedOrClaimed() {
    BiFunction<ServerCall<?, ?>, Metadata, String> claimed = claimedOrPeer();
    return (call, headers) -> Caller.current()
        .map(c -> c.isUser() ? c.name() : "machine " + c.name())
        .orElseGet(() -> claimed.apply(call, headers));
  }

  /** The claimed user of {@value #USER_HEADER}, else {@code host ADDRESS} of the peer, else {@code unknown}. */
  public static BiFunction<ServerCall<?, ?>, Metadata, String> claimedOrPeer() {
    return (call, headers) -> {
      String claimed = headers.get(USER_KEY);
      if (claimed != null && !claimed.isBlank()) {
        String name = claimed.strip();
        return name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
      }
      return peerHost(call);
    };
  }

  private static String peerHost(ServerCall<?, ?> call) {
    SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    if (peer instanceof InetSocketAddress inet) {
      return "host " + (inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString());
    }
    return peer == null ? "unknown" : "peer " + peer;
  }
}
