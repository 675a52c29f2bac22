package org.openll.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.QueryStepsResponse;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.SubmitJobRequest;
import org.openll.api.v1.SubmitJobResponse;
import org.openll.common.time.FakeClock;

class RateLimitInterceptorTest {
  private static final RateLimitInterceptor.Rule SUBMIT = new RateLimitInterceptor.Rule(
      ScheddGrpc.getSubmitJobMethod().getFullMethodName(), "SCHEDD_SUBMIT_RATE", "submits", new RateLimit(2, 3));

  private final FakeClock clock = new FakeClock();
  private Server server;
  private ManagedChannel channel;
  private RateLimitInterceptor limiter;

  private static final class Schedd extends ScheddGrpc.ScheddImplBase {
    @Override
    public void submitJob(SubmitJobRequest request, StreamObserver<SubmitJobResponse> response) {
      response.onNext(SubmitJobResponse.newBuilder().setJobId("h.1").build());
      response.onCompleted();
    }

    @Override
    public void querySteps(QueryStepsRequest request, StreamObserver<QueryStepsResponse> response) {
      response.onNext(QueryStepsResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  @BeforeEach
  void start() throws Exception {
    start(RateLimitInterceptor.MAX_TRACKED_USERS);
  }

  private void start(int maxTracked) throws Exception {
    stop();
    limiter = new RateLimitInterceptor(List.of(SUBMIT), clock, Requesters.claimedOrPeer(), maxTracked);
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerInterceptors.intercept(new Schedd(), limiter)).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @AfterEach
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private ScheddGrpc.ScheddBlockingStub as(String user) {
    return ScheddGrpc.newBlockingStub(channel).withInterceptors(new UserHeader(user));
  }

  @Test
  void submits_withinBurst_pass_thenRefusedWithResourceExhaustedNamingUserAndKeyword() {
    for (int i = 0; i < 3; i++) {
      as("alice").submitJob(SubmitJobRequest.getDefaultInstance());
    }
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> as("alice").submitJob(SubmitJobRequest.getDefaultInstance()));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
    assertEquals("user alice: more than 2 submits per second (SCHEDD_SUBMIT_RATE)", e.getStatus().getDescription());
  }

  @Test
  void submits_afterTimePasses_refilledAtTheRate() {
    for (int i = 0; i < 3; i++) {
      as("alice").submitJob(SubmitJobRequest.getDefaultInstance());
    }
    clock.advance(Duration.ofMillis(500)); // one token at 2/s
    as("alice").submitJob(SubmitJobRequest.getDefaultInstance());
    assertThrows(StatusRuntimeException.class, () -> as("alice").submitJob(SubmitJobRequest.getDefaultInstance()));
  }

  @Test
  void submits_oneUserOverTheLimit_otherUserUnaffected() {
    for (int i = 0; i < 3; i++) {
      as("alice").submitJob(SubmitJobRequest.getDefaultInstance());
    }
    assertThrows(StatusRuntimeException.class, () -> as("alice").submitJob(SubmitJobRequest.getDefaultInstance()));
    as("bob").submitJob(SubmitJobRequest.getDefaultInstance());
  }

  @Test
  void verifiedCaller_countsNotTheClaimedHeader_inventedNamesDoNotEscapeTheLimit() throws Exception {
    stop();
    limiter = new RateLimitInterceptor(List.of(SUBMIT), clock, Requesters.verifiedOrClaimed());
    io.grpc.ServerInterceptor authenticatedAsAlice = new io.grpc.ServerInterceptor() {
      @Override
      public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call, io.grpc.Metadata headers,
          io.grpc.ServerCallHandler<Q, R> next) {
        return io.grpc.Contexts.interceptCall(io.grpc.Context.current().withValue(org.openll.common.security.Caller.KEY,
            new org.openll.common.security.Caller("alice", org.openll.common.security.Caller.Authentication.TOKEN)),
            call, headers, next);
      }
    };
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerInterceptors.intercept(new Schedd(), limiter, authenticatedAsAlice)).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();

    for (int i = 0; i < 3; i++) {
      as("claimed" + i).submitJob(SubmitJobRequest.getDefaultInstance());
    }
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> as("someone-else").submitJob(SubmitJobRequest.getDefaultInstance()));
    assertEquals("user alice: more than 2 submits per second (SCHEDD_SUBMIT_RATE)", e.getStatus().getDescription());
  }

  @Test
  void methodWithoutRule_neverLimited() {
    for (int i = 0; i < 20; i++) {
      as("alice").querySteps(QueryStepsRequest.getDefaultInstance());
    }
  }

  @Test
  void noUserHeader_accountedByPeer() {
    var anonymous = ScheddGrpc.newBlockingStub(channel);
    for (int i = 0; i < 3; i++) {
      anonymous.submitJob(SubmitJobRequest.getDefaultInstance());
    }
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> anonymous.submitJob(SubmitJobRequest.getDefaultInstance()));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
  }

  @Test
  void unlimitedRule_neverLimited() throws Exception {
    stop();
    limiter = new RateLimitInterceptor(List.of(new RateLimitInterceptor.Rule(SUBMIT.fullMethodName(),
        "SCHEDD_SUBMIT_RATE", "submits", RateLimit.unlimited())), clock, Requesters.claimedOrPeer());
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerInterceptors.intercept(new Schedd(), limiter)).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    for (int i = 0; i < 50; i++) {
      as("alice").submitJob(SubmitJobRequest.getDefaultInstance());
    }
  }

  @Test
  void manyInventedUsers_bucketsStayBounded_overflowUsersShareOneBucket() throws Exception {
    start(4);
    for (int i = 0; i < 4; i++) {
      as("user" + i).submitJob(SubmitJobRequest.getDefaultInstance()); // 4 buckets, none full
    }
    for (int i = 4; i < 7; i++) {
      as("user" + i).submitJob(SubmitJobRequest.getDefaultInstance()); // overflow bucket: burst 3
    }
    assertEquals(5, limiter.trackedBuckets());
    assertThrows(StatusRuntimeException.class, () -> as("user99").submitJob(SubmitJobRequest.getDefaultInstance()));

    clock.advance(Duration.ofSeconds(10)); // everyone idle: full buckets are dropped for new users
    as("user100").submitJob(SubmitJobRequest.getDefaultInstance());
    assertEquals(2, limiter.trackedBuckets());
  }

  @Test
  void longUserHeader_cutToMaxLength() {
    String longName = "x".repeat(500);
    for (int i = 0; i < 3; i++) {
      as(longName).submitJob(SubmitJobRequest.getDefaultInstance());
    }
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> as(longName).submitJob(SubmitJobRequest.getDefaultInstance()));
    assertEquals("user " + "x".repeat(Requesters.MAX_NAME_LENGTH) + ": more than 2 submits per second (SCHEDD_SUBMIT_RATE)",
        e.getStatus().getDescription());
  }

}
