package org.openll.common.grpc;

import com.google.common.util.concurrent.AbstractIdleService;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.errors.ErrorMappingInterceptor;
import org.openll.common.grpc.local.CommandSocketServer;
import org.openll.common.security.ClaimedCaller;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.MachineList;
import org.openll.common.security.PeerAuthorizer;
import org.openll.common.security.UnixSocketAuthenticator;
import org.openll.common.security.UserNames;

/**
 * A daemon's gRPC server: its services behind the error mapper, plus {@code grpc.health.v1} and
 * reflection. Once listening it publishes its bound address in the cluster home, so it may listen
 * on port 0. With TLS ({@link ClusterTls}) every connection must present a certificate from the
 * cluster CA or a token it signed, and every call passes {@link PeerAuthorizer}'s checks; plaintext only
 * under the development switch, announced by a WARN at every start. The same services also listen on
 * the Unix-domain socket {@code run/NAME.sock}, where each call runs as the connecting process's
 * user ({@link UnixSocketAuthenticator}). Stops in two phases: refuse new calls, wait {@code grace},
 * then cancel the rest.
 */
public final class GrpcServerService extends AbstractIdleService {
  private static final Logger LOG = LogManager.getLogger(GrpcServerService.class);

  private final String daemonName;
  private final ClusterHome home;
  private final HostPort listen;
  private final List<BindableService> services;
  private final Duration grace;
  private final ClusterTls tls;
  private final HealthStatusManager health = new HealthStatusManager();
  private final List<ServerInterceptor> outerInterceptors = new CopyOnWriteArrayList<>();
  private final List<ServerInterceptor> authenticatedInterceptors = new CopyOnWriteArrayList<>();
  private final UserNames userNames = UserNames.system();
  private Server server;
  private UnixSocketServer socketServer;
  private CommandSocketServer commandSocket;

  public GrpcServerService(String daemonName, ClusterHome home, HostPort listen,
      List<BindableService> services, Duration grace, ClusterTls tls) {
    this.tls = tls;
    this.daemonName = daemonName;
    this.home = home;
    this.listen = listen;
    this.services = List.copyOf(services);
    this.grace = grace;
  }

  /** The name this daemon publishes its address under ({@code run/NAME.addr}). */
  public String daemonName() {
    return daemonName;
  }

  /**
   * Adds an interceptor around the daemon's services, outside the error mapper, so it sees the
   * status each call ends with (metrics). Takes effect only when called before the service starts.
   */
  public void addInterceptor(ServerInterceptor interceptor) {
    outerInterceptors.add(interceptor);
  }

  /**
   * Adds an interceptor that runs after the call is authenticated, so it sees {@link
   * org.openll.common.security.Caller#current()} (per-user rate limits). Takes effect only when
   * called before the service starts.
   */
  public void addAuthenticatedInterceptor(ServerInterceptor interceptor) {
    authenticatedInterceptors.add(interceptor);
  }

  /** The Unix-domain socket this daemon listens on: {@code run/NAME.sock}. */
  public static Path socketPath(ClusterHome home, String daemonName) {
    return home.runDir().resolve(daemonName + ".sock");
  }

  @Override
  protected void startUp() throws Exception {
    server = startOnStickyPort();
    try {
      startSocket();
    } catch (IOException | RuntimeException e) {
      server.shutdownNow();
      throw e;
    }
    for (BindableService service : services) {
      health.setStatus(service.bindService().getServiceDescriptor().getName(), ServingStatus.SERVING);
    }
    health.setStatus("", ServingStatus.SERVING);
    home.publishAddress(daemonName, boundAddress().toString());
    LOG.info("{} listening on {}", daemonName, boundAddress());
    startCommandSocket();
    if (!tls.secure()) {
      LOG.warn("*** {}: TLS IS OFF ({} = true in LoadL_config): any process that reaches {} can act as any daemon"
          + " or user. For development only. ***", daemonName, ClusterTls.INSECURE_KEYWORD, boundAddress());
    }
  }

  /**
   * With port 0, first tries the port this daemon had last time ({@code run/NAME.lastport}): a
   * restarted daemon is then found at its old address by peers that cached it (a startd relaying a
   * step's final record to a schedd that restarted). Falls back to a fresh ephemeral port.
   */
  private Server startOnStickyPort() throws IOException {
    Path lastPortFile = home.runDir().resolve(daemonName + ".lastport");
    if (listen.port() == 0) {
      Optional<Integer> lastPort = readPort(lastPortFile);
      if (lastPort.isPresent()) {
        try {
          return build(lastPort.get()).start();
        } catch (IOException busy) {
          LOG.info("{}: port {} of the last run is taken; using a new one", daemonName, lastPort.get());
        }
      }
    }
    Server started = build(listen.port()).start();
    Files.createDirectories(home.runDir());
    Files.writeString(lastPortFile, ((InetSocketAddress) started.getListenSockets().get(0)).getPort() + "\n");
    return started;
  }

  /**
   * The largest request a daemon accepts: room for a job of 10,000 steps with a 1 MB job file
   * (JobSpecValidator's bounds); a larger one fails with RESOURCE_EXHAUSTED before any handler runs.
   */
  public static final int MAX_INBOUND_MESSAGE_BYTES = 16 * 1024 * 1024;

  /**
   * Calls one connection may have open at once (HTTP/2 max concurrent streams); a client opening
   * more waits for one to end. Bounds what one connection can hold of a daemon's memory and threads.
   */
  public static final int MAX_CONCURRENT_CALLS_PER_CONNECTION = 1000;

  /**
   * The commands' lean path ({@link CommandSocketServer}): the same services behind the same
   * interceptors, but no certificate check, since the socket's peer credentials name the caller. A
   * socket that cannot be bound (a path over the 107-byte limit, a read-only run folder) costs only
   * the speed-up: commands then use the gRPC port.
   */
  private void startCommandSocket() {
    CommandSocketServer socket = new CommandSocketServer(daemonName, home.commandSocket(daemonName),
        serviceDefinitions(Optional.empty()), MAX_INBOUND_MESSAGE_BYTES);
    try {
      socket.start();
      commandSocket = socket;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("{}: no command socket at {} ({}); commands use {}", daemonName, socket.socket(), e.getMessage(), boundAddress());
    }
  }

  private Server build(int port) {
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(listen.host(), port),
            tls.serverCredentials())
        .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
        .maxConcurrentCallsPerConnection(MAX_CONCURRENT_CALLS_PER_CONNECTION) // hardening, issue 7.6
        .permitKeepAliveTime(10, TimeUnit.SECONDS); // clients ping every 30 s (Channels): never "too many pings"
    ServerInterceptor authenticator = tls.secure()
        ? new PeerAuthorizer(daemonName, new MachineList(home.configFile(), home.adminFile()),
            tls.tokenVerifier(Clock.systemUTC()))
        : new ClaimedCaller();
    serviceDefinitions(Optional.of(authenticator)).forEach(builder::addService);
    builder.addService(BadRequestBytes.wrap(health.getHealthService().bindService())); // garbage: INVALID_ARGUMENT, not UNKNOWN
    builder.addService(ProtoReflectionServiceV1.newInstance());
    return builder.build();
  }

  /**
   * Every service of this daemon behind the error mapper, the interceptors that need the caller,
   * {@code authenticator} (none on the command socket, which sets the caller itself) and the outer
   * interceptors.
   */
  private List<ServerServiceDefinition> serviceDefinitions(Optional<ServerInterceptor> authenticator) {
    List<ServerInterceptor> interceptors = new ArrayList<>();
    interceptors.add(new ErrorMappingInterceptor());
    interceptors.addAll(authenticatedInterceptors);
    authenticator.ifPresent(interceptors::add);
    interceptors.addAll(outerInterceptors); // later ones run first: these see the mapped status
    List<ServerServiceDefinition> definitions = new ArrayList<>();
    for (BindableService service : services) {
      definitions.add(BadRequestBytes.wrap(ServerInterceptors.intercept(service, interceptors)));
    }
    return definitions;
  }

  /** Listens on {@code run/NAME.sock} too; where a socket cannot be served, says why and goes on over TCP. */
  private void startSocket() throws IOException {
    Path socket = socketPath(home, daemonName);
    Optional<String> unusable = UnixSocketServer.unusable(socket);
    if (unusable.isPresent()) {
      LOG.warn("{}: no Unix socket {}: {}; local commands use TCP", daemonName, socket, unusable.get());
      return;
    }
    List<ServerServiceDefinition> definitions = new ArrayList<>(serviceDefinitions(
        Optional.of(new UnixSocketAuthenticator(daemonName, userNames))));
    definitions.add(BadRequestBytes.wrap(health.getHealthService().bindService()));
    definitions.add(ProtoReflectionServiceV1.newInstance().bindService());
    socketServer = UnixSocketServer.start(socket, definitions, MAX_INBOUND_MESSAGE_BYTES,
        MAX_CONCURRENT_CALLS_PER_CONNECTION);
    LOG.info("{} listening on {} (local users, by their uid)", daemonName, socket);
  }

  private static Optional<Integer> readPort(Path file) {
    try {
      return Optional.of(Integer.parseInt(Files.readString(file).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The address clients reach this server at, with the real port when it listened on 0. */
  public HostPort boundAddress() {
    InetSocketAddress bound = (InetSocketAddress) server.getListenSockets().get(0);
    return new HostPort(listen.host(), bound.getPort());
  }

  @Override
  protected void shutDown() throws InterruptedException {
    home.withdrawAddress(daemonName);
    if (commandSocket != null) {
      commandSocket.stop();
    }
    health.enterTerminalState();
    server.shutdown();
    if (socketServer != null) {
      socketServer.shutdown();
    }
    if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      server.shutdownNow();
      server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }
    if (socketServer != null) {
      socketServer.awaitTermination(grace);
    }
    LOG.info("{} stopped", daemonName);
  }
}
