package org.openll.common.grpc;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openll.common.security.ClusterTls;

/**
 * Client channels to daemons, with the credentials of {@link ClusterTls} (mutual TLS unless
 * switched off).
 *
 * <p>A channel whose daemon went away reconnects within {@link #MAX_RECONNECT_BACKOFF} of every
 * failed attempt. gRPC's own backoff grows to 120 s, and while it waits every call fails at once
 * with UNAVAILABLE, so after a few restarts in a row a daemon that is back would go unheard for
 * minutes; gRPC exposes no setting for that ceiling, so the channel's backoff is cut short with
 * {@link ManagedChannel#resetConnectBackoff()}.
 */
public final class Channels {
  /** The longest a channel waits between two attempts to reach its daemon. */
  public static final Duration MAX_RECONNECT_BACKOFF = Duration.ofSeconds(2);

  private static final ScheduledExecutorService BACKOFF_CUTS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "channel-backoff-cut");
    thread.setDaemon(true);
    return thread;
  });

  private Channels() {}

  /**
   * The largest answer a client takes: an llq of some 100,000 steps. Bounded so that a broken or
   * hostile daemon cannot make a client buffer without limit; larger answers fail with
   * RESOURCE_EXHAUSTED.
   */
  public static final int MAX_INBOUND_RESPONSE_BYTES = 128 * 1024 * 1024;

  public static ManagedChannel open(HostPort target, ClusterTls tls) {
    return open(target, tls.channelCredentials());
  }

  /** A channel to {@code target} with {@code credentials} (e.g. {@link ClusterTls#tokenCredentials}). */
  public static ManagedChannel open(HostPort target, ChannelCredentials credentials) {
    return configured(NettyChannelBuilder.forAddress(target.host(), target.port(), credentials));
  }

  /**
   * {@link #open(HostPort, ClusterTls)}, but the calls' callbacks run on the connection's own
   * event-loop thread instead of being handed to gRPC's executor: one thread wake-up less per
   * answer. Only for callers whose callbacks never wait (a lock held long, a blocking call, a
   * commit): while one runs, nothing else of the channels on that thread is read or written.
   */
  public static ManagedChannel openInline(HostPort target, ClusterTls tls) {
    return configured(NettyChannelBuilder.forAddress(target.host(), target.port(), tls.channelCredentials())
        .directExecutor());
  }

  /**
   * A plaintext channel to a daemon's Unix-domain socket ({@code run/NAME.sock}): the daemon knows
   * the caller from the kernel, so no certificate or token is needed.
   */
  public static ManagedChannel openUnixSocket(Path socket) {
    return configured(NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()),
            InsecureChannelCredentials.create())
        .channelType(EpollDomainSocketChannel.class, DomainSocketAddress.class)
        .eventLoopGroup(SOCKET_LOOP.get()));
  }

  /**
   * {@link #openUnixSocket} when a daemon accepts connections on {@code socket}; empty when there is
   * no such file, or it is stale (nothing accepts: its daemon was killed), or this user may not
   * connect. A connect costs microseconds, so commands try the socket first.
   */
  public static Optional<ManagedChannel> openUnixSocketIfServed(Path socket) {
    if (!Files.exists(socket) || !UnixSocketServer.answers(socket)) {
      return Optional.empty();
    }
    return Optional.of(openUnixSocket(socket));
  }

  private static final Supplier<EventLoopGroup> SOCKET_LOOP = Suppliers.memoize(() ->
      new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("unix-socket-client", true), EpollIoHandler.newFactory()));

  private static ManagedChannel configured(NettyChannelBuilder builder) {
    ManagedChannel channel = builder
        .keepAliveTime(30, TimeUnit.SECONDS)
        // hardening (issue 7.6): a dead peer is noticed within keepAliveTime + timeout, answers as large
        // as a full llq are taken, and the user is named for per-user rate limits
        .keepAliveTimeout(10, TimeUnit.SECONDS)
        .maxInboundMessageSize(MAX_INBOUND_RESPONSE_BYTES)
        .intercept(UserHeader.ofProcess(), new ClosedConnectionAsUnavailable())
        .build();
    capReconnectBackoff(channel, channel.getState(false));
    return channel;
  }

  /** On every entry into TRANSIENT_FAILURE, schedules a reconnect no later than the ceiling. */
  private static void capReconnectBackoff(ManagedChannel channel, ConnectivityState state) {
    if (state == ConnectivityState.SHUTDOWN) {
      return;
    }
    if (state == ConnectivityState.TRANSIENT_FAILURE) {
      BACKOFF_CUTS.schedule(() -> {
        if (!channel.isShutdown() && channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
          channel.resetConnectBackoff();
        }
      }, MAX_RECONNECT_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
    }
    channel.notifyWhenStateChanged(state, () -> capReconnectBackoff(channel, channel.getState(false)));
  }

  /** Closes {@code channel}, waiting briefly for calls in flight. */
  public static void close(ManagedChannel channel) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
