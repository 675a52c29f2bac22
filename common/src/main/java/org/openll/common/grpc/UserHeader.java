package org.openll.common.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Names the calling user in the {@value Requesters#USER_HEADER} header of every call. A claim, not a
 * credential: daemons count calls per verified caller and use the header only under the plaintext
 * development switch, where nothing is verified ({@link Requesters}). A header already set (by a per-call UserHeader on a stub, which runs before
 * the channel's) is kept.
 */
public final class UserHeader implements ClientInterceptor {
  private final String user;

  public UserHeader(String user) {
    this.user = user;
  }

  /** The user this process runs as ({@code user.name}). */
  public static UserHeader ofProcess() {
    return new UserHeader(System.getProperty("user.name", "unknown"));
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        if (isAscii(user) && !headers.containsKey(Requesters.USER_KEY)) { // a per-call UserHeader wins
          headers.put(Requesters.USER_KEY, user);
        }
        super.start(listener, headers);
      }
    };
  }

  private static boolean isAscii(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }
}
