package org.openll.common.grpc.local;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.LocalCall;
import org.openll.api.v1.LocalReply;
import org.openll.api.v1.LocalStatus;
import org.openll.common.security.Caller;
import org.openll.common.security.Role;
import org.openll.common.security.RolePolicy;

/**
 * A daemon's command socket ({@code local_call.proto}): the commands of this machine call the
 * daemon's services through a Unix-domain socket, with no gRPC transport on either side. Every call
 * runs as the {@link Caller} the kernel names for the connecting process ({@code SO_PEERCRED});
 * methods reserved to daemon certificates are refused. The socket is open to every local user
 * (mode 0666): who they are is what the peer credentials prove, and each call is then authorized
 * as over gRPC.
 *
 * <p>Bounds: {@link #MAX_CONCURRENT_CALLS} calls at once (more are refused with RESOURCE_EXHAUSTED),
 * a request of at most {@code maxRequestBytes}, sent within {@link #REQUEST_TIMEOUT} of connecting.
 */
public final class CommandSocketServer {
  /**
   * Created at the first line logged: the commands' AOT training runs this server, and a logger made
   * at class initialisation would put log4j into the cache every command maps.
   */
  private static final class Log {
    static final Logger LOG = LogManager.getLogger(CommandSocketServer.class);
  }

  public static final int MAX_CONCURRENT_CALLS = 256;
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "command-socket-timeouts");
    thread.setDaemon(true);
    return thread;
  });

  private final String daemonName;
  private final Path socket;
  private final int maxRequestBytes;
  private final Map<String, ServerMethodDefinition<?, ?>> methods = new HashMap<>();
  private final Semaphore slots = new Semaphore(MAX_CONCURRENT_CALLS);
  private ServerSocketChannel server;

  public CommandSocketServer(String daemonName, Path socket, List<ServerServiceDefinition> services, int maxRequestBytes) {
    this.daemonName = daemonName;
    this.socket = socket;
    this.maxRequestBytes = maxRequestBytes;
    for (ServerServiceDefinition service : services) {
      for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
        methods.put(method.getMethodDescriptor().getFullMethodName(), method);
      }
    }
  }

  public Path socket() {
    return socket;
  }

  /** Binds the socket, replacing a stale one a killed daemon left, and starts accepting. */
  public void start() throws IOException {
    Files.createDirectories(socket.getParent());
    Files.deleteIfExists(socket);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
    Thread.ofPlatform().daemon().name(daemonName + "-command-socket").start(this::acceptLoop);
  }

  public void stop() {
    try {
      if (server != null) {
        server.close();
      }
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      Log.LOG.warn("{}: cannot remove the command socket {}: {}", daemonName, socket, e.getMessage());
    }
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel connection = server.accept();
        Thread.ofVirtual().name(daemonName + "-local-call").start(() -> serve(connection));
      } catch (ClosedChannelException stopped) {
        return;
      } catch (IOException e) {
        Log.LOG.warn("{}: command socket {}: {}", daemonName, socket, e.getMessage());
      }
    }
  }

  private void serve(SocketChannel connection) {
    try (connection) {
      OutputStream out = new BufferedOutputStream(SocketStreams.out(connection));
      if (!slots.tryAcquire()) {
        reply(out, Status.RESOURCE_EXHAUSTED.withDescription(daemonName + ": " + MAX_CONCURRENT_CALLS
            + " local calls are in progress; try again"));
        return;
      }
      try {
        serve(connection, SocketStreams.in(connection), out);
      } finally {
        slots.release();
      }
    } catch (IOException e) {
      Log.LOG.debug("{}: local call ended: {}", daemonName, e.getMessage()); // the client went away
    }
  }

  private void serve(SocketChannel connection, InputStream in, OutputStream out) throws IOException {
    Caller caller = caller(connection);
    ScheduledFuture<?> timeout = TIMEOUTS.schedule(() -> closeQuietly(connection), REQUEST_TIMEOUT.toMillis(),
        TimeUnit.MILLISECONDS);
    Optional<LocalCall> call;
    try {
      call = readCall(in, out);
    } finally {
      timeout.cancel(false);
    }
    if (call.isEmpty()) {
      return;
    }
    String name = call.get().getMethod();
    ServerMethodDefinition<?, ?> method = methods.get(name);
    if (!RolePolicy.allows(Optional.of(Role.CLIENT), name)) {
      Log.LOG.warn("{}: refused {} from local user {}: reserved to daemon certificates", daemonName, name, caller.name());
      reply(out, Status.PERMISSION_DENIED.withDescription(name + ": reserved to daemon certificates, not for a local user"));
    } else if (method == null) {
      reply(out, Status.UNIMPLEMENTED.withDescription(name + ": not served by the " + daemonName));
    } else {
      invoke(method, call.get(), caller, connection, in, out);
    }
  }

  /** The request, or empty when it was refused (answered already) or the client left. */
  private Optional<LocalCall> readCall(InputStream in, OutputStream out) throws IOException {
    int first = in.read();
    if (first < 0) {
      return Optional.empty();
    }
    int size = CodedInputStream.readRawVarint32(first, in);
    if (size < 0 || size > maxRequestBytes) {
      reply(out, Status.RESOURCE_EXHAUSTED.withDescription("local call of " + size + " bytes exceeds the "
          + daemonName + "'s limit of " + maxRequestBytes));
      return Optional.empty();
    }
    byte[] bytes = in.readNBytes(size);
    try {
      if (bytes.length < size) {
        throw new InvalidProtocolBufferException("truncated");
      }
      return Optional.of(LocalCall.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      reply(out, Status.INVALID_ARGUMENT.withDescription("the local call does not parse as a LocalCall: " + e.getMessage()));
      return Optional.empty();
    }
  }

  private <Q, R> void invoke(ServerMethodDefinition<Q, R> method, LocalCall request, Caller caller,
      SocketChannel connection, InputStream in, OutputStream out) throws IOException {
    LocalServerCall<Q, R> call = new LocalServerCall<>(method.getMethodDescriptor(), out, () -> closeQuietly(connection));
    Context.CancellableContext context = Context.current().withValue(Caller.KEY, caller).withCancellation();
    try {
      ServerCall.Listener<Q> listener = context.call(() -> method.getServerCallHandler().startCall(call, headers(request)));
      Q message = method.getMethodDescriptor().parseRequest(request.getRequest().newInput());
      context.run(() -> {
        listener.onReady();
        listener.onMessage(message);
        listener.onHalfClose();
      });
      try {
        in.read(); // returns when the client leaves or the call's close shuts the connection
      } catch (IOException closed) {
        // the call closed the connection after its status
      }
      if (call.isClosed()) {
        context.run(listener::onComplete);
      } else {
        call.markCancelled();
        context.run(listener::onCancel);
      }
    } catch (Exception e) {
      Log.LOG.warn("{}: local call {} failed", daemonName, request.getMethod(), e);
      call.close(Status.INTERNAL.withDescription(request.getMethod() + ": " + e), new Metadata());
    } finally {
      context.cancel(null);
    }
  }

  private static Metadata headers(LocalCall call) {
    Metadata headers = new Metadata();
    call.getHeadersMap().forEach((key, value) -> {
      try {
        if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
        }
      } catch (IllegalArgumentException notAHeader) {
        // a key gRPC would not accept either: dropped
      }
    });
    return headers;
  }

  private static Caller caller(SocketChannel connection) throws IOException {
    UnixDomainPrincipal peer = connection.getOption(ExtendedSocketOptions.SO_PEERCRED);
    return new Caller(peer.user().getName(), Caller.Authentication.UNIX_SOCKET);
  }

  private static void reply(OutputStream out, Status status) throws IOException {
    LocalStatus.Builder end = LocalStatus.newBuilder().setCode(status.getCode().value());
    if (status.getDescription() != null) {
      end.setDescription(status.getDescription());
    }
    LocalReply.newBuilder().setStatus(end).build().writeDelimitedTo(out);
    out.flush();
  }

  private static void closeQuietly(SocketChannel connection) {
    try {
      connection.close();
    } catch (IOException ignored) {
      // closing a connection that is gone
    }
  }
}
