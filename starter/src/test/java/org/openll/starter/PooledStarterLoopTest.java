package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.StartdToStarter;
import org.openll.api.v1.StarterToStartd;

/** A pooled starter's loop against a hand-driven startd end; the steps are stand-ins. */
class PooledStarterLoopTest {
  @TempDir Path dir;
  private ServerSocketChannel server;
  private final List<Path> ran = new CopyOnWriteArrayList<>();
  private final PrintStream log = new PrintStream(System.err, true);

  @BeforeEach
  void listen() throws Exception {
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(dir.resolve("startd.sock")));
  }

  @AfterEach
  void close() throws Exception {
    server.close();
  }

  private CompletableFuture<Integer> serve(boolean... acknowledged) {
    return CompletableFuture.supplyAsync(() -> PooledStarter.serve(dir.resolve("startd.sock"), spool -> {
      ran.add(spool);
      return acknowledged[ran.size() - 1];
    }, log));
  }

  private static void run(SocketChannel channel, String spool) throws Exception {
    SocketLink.write(channel, StartdToStarter.newBuilder().setRun(spool).build());
  }

  @Test
  void serve_saysReadyRunsEachStepAndSaysReadyAgain_untilTheStartdClosesTheConnection() throws Exception {
    CompletableFuture<Integer> exit = serve(true, true);
    try (SocketChannel startd = server.accept()) {
      ChannelInput in = new ChannelInput(startd);
      StarterToStartd hello = StarterToStartd.parseDelimitedFrom(in);
      assertTrue(hello.getHello().getPooled());
      assertEquals("", hello.getHello().getStepId());
      assertEquals(ProcessHandle.current().pid(), hello.getHello().getStarterPid());

      run(startd, "/spool/h.1.0");
      assertTrue(StarterToStartd.parseDelimitedFrom(in).getHello().getPooled(), "ready again after its step");
      run(startd, "/spool/h.1.1");
      assertTrue(StarterToStartd.parseDelimitedFrom(in).getHello().getPooled());
    }

    assertEquals(0, exit.get(30, TimeUnit.SECONDS), "the connection ended: the starter exits");
    assertEquals(List.of(Path.of("/spool/h.1.0"), Path.of("/spool/h.1.1")), ran);
  }

  @Test
  void serve_stepNotAcknowledged_exitsInsteadOfGoingBack() throws Exception {
    CompletableFuture<Integer> exit = serve(false);
    try (SocketChannel startd = server.accept()) {
      ChannelInput in = new ChannelInput(startd);
      StarterToStartd.parseDelimitedFrom(in);

      run(startd, "/spool/h.2.0");

      assertEquals(0, exit.get(30, TimeUnit.SECONDS));
      assertNull(StarterToStartd.parseDelimitedFrom(in), "no second hello: the startd settles from final.pb");
    }
  }

  @Test
  void serve_noStartd_exitsAtOnce() throws Exception {
    server.close();
    java.nio.file.Files.delete(dir.resolve("startd.sock"));

    assertEquals(0, serve().get(30, TimeUnit.SECONDS));
    assertEquals(List.of(), ran);
  }
}
