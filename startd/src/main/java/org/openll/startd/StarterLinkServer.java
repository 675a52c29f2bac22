package org.openll.startd;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.StarterToStartd;

/**
 * The startd's end of the starters' Unix-domain socket ({@code SPOOL/startd.sock},
 * {@code starter.proto}): one accept thread, one reader thread per connected starter (pooled). A
 * connection starts with a hello naming the step; one for a step this startd does not know is
 * closed; a pooled starter's hello names none and its connection goes to the {@link StarterPool}.
 * Each event goes to {@link StepLauncher#onEvent} in the order received; the end of a connection to
 * {@link StepLauncher#detached}. Closing the server stops accepting; open connections stay until
 * their starters close them, so a stopping startd can still cancel.
 */
final class StarterLinkServer {
  private static final Logger LOG = LogManager.getLogger(StarterLinkServer.class);

  private final Path socket;
  private final StepLauncher launcher;
  private final java.util.Set<StarterConnection> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Readers reused from connection to connection: a step's starter connects once per step. */
  private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "starter-link");
    t.setDaemon(true);
    return t;
  });
  private ServerSocketChannel server;

  StarterLinkServer(Path socket, StepLauncher launcher) {
    this.socket = socket;
    this.launcher = launcher;
  }

  Path socket() {
    return socket;
  }

  /** Binds the socket (replacing a stale one left by an earlier startd) and starts accepting. */
  synchronized void start() throws IOException {
    Files.createDirectories(socket.getParent());
    Files.deleteIfExists(socket);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    ServerSocketChannel bound = server;
    Thread acceptor = new Thread(() -> accept(bound), "starter-link-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    LOG.info("starters connect to {}", socket);
  }

  synchronized void close() {
    if (server != null) {
      try {
        server.close();
        Files.deleteIfExists(socket);
      } catch (IOException e) {
        LOG.warn("cannot close {}: {}", socket, e.toString());
      }
    }
  }

  /** Closes the socket and every connection, as the death of the startd would: for tests. */
  void abandon() {
    close();
    open.forEach(StarterConnection::close);
  }

  private void accept(ServerSocketChannel bound) {
    while (bound.isOpen()) {
      try {
        SocketChannel channel = bound.accept();
        readers.execute(() -> serve(new StarterConnection(channel)));
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.warn("accept on {} failed: {}", socket, e.toString());
      }
    }
  }

  /** A pooled starter's connection: a hello when it is ready, at start and after each step. */
  private void servePooled(StarterConnection connection, StarterToStartd hello) throws IOException {
    StarterPool pool = launcher.pool();
    try {
      StarterToStartd message = hello;
      do {
        if (message.hasHello() && message.getHello().getPooled()) {
          pool.ready(message.getHello().getStarterPid(), message.getHello().getStarterStartMillis(), connection);
        }
      } while ((message = connection.read()) != null);
    } finally {
      pool.gone(connection);
    }
  }

  private void serve(StarterConnection connection) {
    StarterProcess starter = null;
    open.add(connection);
    try {
      StarterToStartd hello = connection.read();
      if (hello == null || !hello.hasHello()) {
        LOG.warn("a connection to {} did not start with a hello", socket);
        return;
      }
      if (hello.getHello().getPooled()) {
        servePooled(connection, hello);
        return;
      }
      Optional<StarterProcess> known = launcher.attach(hello.getHello(), connection);
      if (known.isEmpty()) {
        LOG.warn("a starter (pid {}) said hello for step {}, which is not on this machine",
            hello.getHello().getStarterPid(), hello.getHello().getStepId());
        return;
      }
      starter = known.get();
      StarterToStartd message;
      while ((message = connection.read()) != null) {
        if (message.hasEvent()) {
          launcher.onEvent(starter, message.getSequence(), message.getEvent());
        }
      }
    } catch (IOException e) {
      LOG.debug("connection of step {} ended: {}", starter == null ? "?" : starter.stepId(), e.toString());
    } finally {
      open.remove(connection);
      connection.close();
      if (starter != null) {
        launcher.detached(starter, connection);
      }
    }
  }
}
