package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.StarterCancel;
import org.openll.api.v1.StartdToStarter;
import org.openll.api.v1.StarterEvent;
import org.openll.api.v1.StarterToStartd;
import org.openll.api.v1.StepState;

/** The starter's socket link against a hand-driven startd end. */
class SocketLinkTest {
  @TempDir Path dir;
  private ServerSocketChannel server;
  private SocketLink link;

  @BeforeEach
  void listen() throws Exception {
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(dir.resolve("startd.sock")));
    link = SocketLink.open(dir.resolve("startd.sock"), "h.1.0", new PrintStream(System.err, true),
        Duration.ofMillis(100));
  }

  @AfterEach
  void close() throws Exception {
    link.close(Duration.ZERO);
    server.close();
  }

  private static StarterEvent event(StepState state) {
    return StarterEvent.newBuilder().setStepId("h.1.0").setState(state).setPid(42).build();
  }

  private static StarterToStartd read(ChannelInput in) throws Exception {
    return StarterToStartd.parseDelimitedFrom(in);
  }

  @Test
  void send_connectionLostBeforeAcknowledgment_resendsAfterReconnectThenOnlyNewEvents() throws Exception {
    link.send(event(StepState.STEP_STATE_RUNNING));
    try (SocketChannel first = server.accept()) {
      ChannelInput in = new ChannelInput(first);
      StarterToStartd hello = read(in);
      assertEquals("h.1.0", hello.getHello().getStepId());
      assertEquals(ProcessHandle.current().pid(), hello.getHello().getStarterPid());
      assertEquals(1, read(in).getSequence());
    } // the startd dies without acknowledging

    try (SocketChannel second = server.accept()) {
      ChannelInput in = new ChannelInput(second);
      assertEquals(42, read(in).getHello().getStepPid());
      StarterToStartd resent = read(in);
      assertEquals(1, resent.getSequence());
      assertEquals(StepState.STEP_STATE_RUNNING, resent.getEvent().getState());
      SocketLink.write(second, StartdToStarter.newBuilder().setAcknowledged(1).build());

      link.send(event(StepState.STEP_STATE_COMPLETED));
      StarterToStartd next = read(in);
      assertEquals(2, next.getSequence());
      SocketLink.write(second, StartdToStarter.newBuilder().setAcknowledged(2).build());

      long started = System.nanoTime();
      link.close(Duration.ofSeconds(10));
      assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "close returns once all is acknowledged");
    }
  }

  @Test
  void onCancel_cancelFromStartd_isDelivered() throws Exception {
    CompletableFuture<String> cancelled = new CompletableFuture<>();
    link.onCancel(cancelled::complete);
    try (SocketChannel channel = server.accept()) {
      read(new ChannelInput(channel));
      SocketLink.write(channel, StartdToStarter.newBuilder()
          .setCancel(StarterCancel.newBuilder().setReason("llcancel")).build());

      assertEquals("llcancel", cancelled.get(10, TimeUnit.SECONDS));
    }
  }
}
