package org.openll.common.security;

import io.grpc.Attributes;
import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiationEvent;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.grpc.netty.ProtocolNegotiationEvent;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.PeerCredentials;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.io.IOException;

/**
 * The plaintext server negotiator of a Unix-domain socket server that also puts the connecting
 * process's kernel credentials (SO_PEERCRED) into every call's attributes ({@link #PEER_UID}).
 * grpc-java exposes them only through these {@code @Internal} hooks: the grpc version is pinned in
 * the parent pom and {@code UnixSocketServerTest} pins this path. A connection whose credentials
 * cannot be read carries none, and {@link UnixSocketAuthenticator} refuses its calls.
 */
public final class PeerCredentialsNegotiator implements InternalProtocolNegotiator.ProtocolNegotiator {
  /** The uid of the process at the other end of the connection. */
  public static final Attributes.Key<Integer> PEER_UID = Attributes.Key.create("openll-peer-uid");

  private final InternalProtocolNegotiator.ProtocolNegotiator plaintext = InternalProtocolNegotiators.serverPlaintext();

  @Override
  public AsciiString scheme() {
    return plaintext.scheme();
  }

  @Override
  public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
    ChannelHandler negotiated = InternalProtocolNegotiators.grpcNegotiationHandler(grpcHandler);
    return InternalProtocolNegotiators.waitUntilActiveHandler(new CredentialsHandler(negotiated),
        grpcHandler.getNegotiationLogger());
  }

  @Override
  public void close() {
    plaintext.close();
  }

  /** Adds the peer's uid to the negotiation event, then hands over to gRPC's own handler. */
  private static final class CredentialsHandler extends ChannelInboundHandlerAdapter {
    private final ChannelHandler next;

    CredentialsHandler(ChannelHandler next) {
      this.next = next;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (!(event instanceof ProtocolNegotiationEvent negotiation)) {
        super.userEventTriggered(ctx, event);
        return;
      }
      Attributes.Builder attributes = InternalProtocolNegotiationEvent.getAttributes(negotiation).toBuilder();
      if (ctx.channel() instanceof EpollDomainSocketChannel socket) {
        try {
          PeerCredentials credentials = socket.peerCredentials();
          attributes.set(PEER_UID, credentials.uid());
        } catch (IOException e) {
          // no uid: the authenticator refuses the connection's calls
        }
      }
      ctx.pipeline().replace(ctx.name(), null, next);
      ctx.fireUserEventTriggered(InternalProtocolNegotiationEvent.withAttributes(negotiation, attributes.build()));
    }
  }
}
