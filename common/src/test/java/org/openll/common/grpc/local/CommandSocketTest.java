package org.openll.common.grpc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.LocalCall;
import org.openll.api.v1.LocalReply;
import org.openll.common.security.Caller;

/** The command socket with a real service (gRPC health) behind it, over a real Unix-domain socket. */
class CommandSocketTest {
  @TempDir Path dir;

  private final HealthStatusManager health = new HealthStatusManager();
  private final List<Caller> callers = new CopyOnWriteArrayList<>();
  private CommandSocketServer server;
  private CommandSocketChannel channel;

  @BeforeEach
  void start() throws Exception {
    health.setStatus("openll.v1.Schedd", ServingStatus.SERVING);
    ServerInterceptor recordCaller = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        callers.add(Caller.current().orElseThrow());
        return next.startCall(call, headers);
      }
    };
    server = new CommandSocketServer("schedd", dir.resolve("run/schedd.cmd.sock"),
        List.of(ServerInterceptors.intercept(health.getHealthService(), recordCaller)), 1024);
    server.start();
    channel = new CommandSocketChannel(server.socket());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void unaryCall_answered_asTheUserTheKernelNames() throws Exception {
    HealthCheckResponse answer = HealthGrpc.newBlockingStub(channel)
        .check(HealthCheckRequest.newBuilder().setService("openll.v1.Schedd").build());

    assertEquals(ServingStatus.SERVING, answer.getStatus());
    assertEquals(List.of(new Caller(System.getProperty("user.name"), Caller.Authentication.UNIX_SOCKET)), callers);
    assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.socket())));
  }

  @Test
  void failedCall_statusAndDescriptionReachTheClient() {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> HealthGrpc.newBlockingStub(channel)
        .check(HealthCheckRequest.newBuilder().setService("nothing").build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
  }

  @Test
  void serverStream_responsesArriveInOrder_deadlineEndsTheWait() {
    Iterator<HealthCheckResponse> watch = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(300, TimeUnit.MILLISECONDS)
        .watch(HealthCheckRequest.newBuilder().setService("openll.v1.Schedd").build());
    assertEquals(ServingStatus.SERVING, watch.next().getStatus());
    health.setStatus("openll.v1.Schedd", ServingStatus.NOT_SERVING);
    assertEquals(ServingStatus.NOT_SERVING, watch.next().getStatus());

    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, watch::next);
    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
  }

  @Test
  void finishedCalls_leaveNoDeadlineTimerHoldingThem() throws Exception {
    for (int i = 0; i < 3; i++) {
      HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.HOURS)
          .check(HealthCheckRequest.newBuilder().setService("openll.v1.Schedd").build());
    }
    // a timer sleeping until its deadline held its call and every response: an llq of a million
    // steps kept each page it had printed
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (deadlineTimers() > 0 && System.nanoTime() < giveUp) {
      Thread.sleep(10);
    }
    assertEquals(0, deadlineTimers());
  }

  private static long deadlineTimers() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("local-call-deadline")).count();
  }

  @Test
  void methodReservedToDaemons_refusedPermissionDenied() throws Exception {
    LocalReply reply = exchange(LocalCall.newBuilder().setMethod("openll.v1.Startd/StartStep").build().toByteArray());
    assertEquals(Status.Code.PERMISSION_DENIED.value(), reply.getStatus().getCode());
    assertTrue(reply.getStatus().getDescription().contains("reserved to daemon certificates"));
  }

  @Test
  void unknownMethod_unimplemented() throws Exception {
    LocalReply reply = exchange(LocalCall.newBuilder().setMethod("openll.v1.Nothing/Here").build().toByteArray());
    assertEquals(Status.Code.UNIMPLEMENTED.value(), reply.getStatus().getCode());
  }

  @Test
  void garbageAndOversizedRequests_refused_serverServesOn() throws Exception {
    assertEquals(Status.Code.INVALID_ARGUMENT.value(), exchange(new byte[] {(byte) 0xff, 0x01, 0x02}).getStatus().getCode());
    LocalReply tooBig = exchange(LocalCall.newBuilder().setMethod("grpc.health.v1.Health/Check")
        .setRequest(com.google.protobuf.ByteString.copyFrom(new byte[2048])).build().toByteArray());
    assertEquals(Status.Code.RESOURCE_EXHAUSTED.value(), tooBig.getStatus().getCode());
    assertTrue(tooBig.getStatus().getDescription().contains("limit of 1024"), tooBig.getStatus().getDescription());

    assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel)
        .check(HealthCheckRequest.newBuilder().setService("openll.v1.Schedd").build()).getStatus());
  }

  @Test
  void oversizedRequestThroughTheChannel_resourceExhaustedFromTheDaemon() {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> HealthGrpc.newBlockingStub(channel)
        .check(HealthCheckRequest.newBuilder().setService("x".repeat(100_000)).build()));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getStatus().toString());
  }

  @Test
  void socketGone_unavailableNamingIt() {
    server.stop();
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> HealthGrpc.newBlockingStub(channel)
        .check(HealthCheckRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains(server.socket().toString()), e.getStatus().getDescription());
  }

  /** Sends {@code message} as one delimited frame by hand and reads the one reply. */
  private LocalReply exchange(byte[] message) throws Exception {
    try (SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.connect(UnixDomainSocketAddress.of(server.socket()));
      OutputStream out = Channels.newOutputStream(socket);
      com.google.protobuf.CodedOutputStream header = com.google.protobuf.CodedOutputStream.newInstance(out);
      header.writeUInt32NoTag(message.length);
      header.flush();
      try {
        out.write(message);
        out.flush();
      } catch (java.io.IOException refusedEarly) {
        // the server may answer a refused length and close before reading the rest: its answer is there
      }
      InputStream in = Channels.newInputStream(socket);
      return LocalReply.parseDelimitedFrom(in);
    }
  }
}
