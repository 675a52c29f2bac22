package org.openll.cli;

import com.google.common.base.Suppliers;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory;
import io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.GrpcServerService;
import org.openll.common.grpc.HostPort;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.UserTokens;

/**
 * How a command reaches a daemon. On the daemon's machine, over its Unix socket
 * ({@code run/NAME.sock}) when it answers there: the kernel tells the daemon who the user is, so no
 * TLS, certificate or token is involved (and a cold command saves the TLS setup). Else over TCP with
 * TLS, presenting the user's token ({@link UserTokens}) when there is one, else the user's client
 * certificate ({@link ClusterTls#forClient}, issued here where the CA key is readable). Credentials
 * are resolved at the first TCP channel, so commands that reach no daemon over TCP need none.
 */
final class DaemonChannels implements ChannelFactory {
  private final ClusterHome home;
  private final Supplier<ChannelCredentials> credentials;

  DaemonChannels(ClusterHome home, String user, Map<String, String> env) {
    this.home = home;
    this.credentials = Suppliers.memoize(() -> {
      try {
        return credentials(home, user, env);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Plaintext under the development switch; else the user's token, else the user's certificate. */
  static ChannelCredentials credentials(ClusterHome home, String user, Map<String, String> env) throws IOException {
    if (ClusterTls.insecure(LoadLConfig.load(home.configFile()))) {
      return ClusterTls.insecure().channelCredentials();
    }
    Optional<String> token = UserTokens.find(env, home, user);
    if (token.isPresent()) {
      return ClusterTls.tokenCredentials(home, token.get());
    }
    return ClusterTls.forClient(home, user).channelCredentials();
  }

  @Override
  public ManagedChannel open(HostPort address) {
    NettyLogging.useJul();
    return Channels.open(address, credentials.get());
  }

  /**
   * Netty logs through java.util.logging in a command that goes over TCP, as gRPC does, at
   * warnings as log4j's configuration has it: left to choose, netty finds log4j on the class path
   * and starts it, ~0.4 s of such a command.
   */
  private static final class NettyLogging {
    private static final Logger NETTY = Logger.getLogger("io.grpc.netty.shaded.io.netty");

    static {
      NETTY.setLevel(Level.WARNING);
      InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    }

    static void useJul() {
      // the class's initialisation does it, once
    }
  }

  @Override
  public Optional<ManagedChannel> openLocal(String daemonName) {
    return Channels.openUnixSocketIfServed(GrpcServerService.socketPath(home, daemonName));
  }
}
