package org.openll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.CancelStepsRequest;
import org.openll.api.v1.DaemonControlGrpc;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StartdGrpc;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepStatus;
import org.openll.api.v1.SubmitJobRequest;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.GrpcServerService;
import org.openll.common.grpc.HostPort;
import org.openll.common.grpc.RawBytes;
import org.openll.common.security.RolePolicy;

/**
 * Drives every gRPC service of every daemon of a real personal cluster (Negotiator, Schedd, Startd,
 * DaemonControl and Health) with, per method: (a) random bytes that do not parse, (b) well-formed
 * messages with random field values (random strings, long repeated fields, negative numbers,
 * unknown enum values, out-of-range timestamps), (c) a message over the 16 MB limit. Expected:
 * INVALID_ARGUMENT for (a), RESOURCE_EXHAUSTED for (c) (PERMISSION_DENIED for both on the methods
 * reserved to daemon certificates, which refuse the test's client certificate at once), and never
 * UNKNOWN, INTERNAL or UNAVAILABLE
 * (a daemon that broke or went away) for anything. Afterwards every daemon still answers its health
 * check, the master restarted nothing, and a normal job runs to Completed.
 *
 * <p>Deterministic: one fixed seed. Bounded: a few calls per method, the whole run well under a
 * minute. Calls that change the cluster on purpose when well-formed (drain, flush, purge; a fake
 * schedd or startd joining the negotiator, which authentication is for) get only (a) and (c).
 */
class FuzzTest {
  private static final long SEED = 20261125L;
  private static final int GARBAGE_CALLS = 8;
  private static final int RANDOM_MESSAGE_CALLS = 8;
  private static final Duration UNARY_DEADLINE = Duration.ofSeconds(10);
  private static final Duration STREAM_DEADLINE = Duration.ofMillis(400);
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final String FUZZ_OWNER = "fuzz";
  /** Low enough for a flood to meet, high enough for the fuzzing's few submits and the last job. */
  private static final int SUBMIT_RATE = 20;
  private static final int SUBMIT_BURST = 40;

  /** Methods only (a) and (c) are sent to: well-formed, they act on the cluster as designed. */
  private static final Set<String> NO_RANDOM_MESSAGES = Set.of(
      "openll.v1.DaemonControl/Drain", "openll.v1.DaemonControl/Flush", "openll.v1.DaemonControl/Purge",
      "openll.v1.Negotiator/ScheddSession", "openll.v1.Negotiator/StartdSession");

  /** Codes that mean the daemon failed, not the caller. */
  private static final Set<Status.Code> DAEMON_FAULTS =
      Set.of(Status.Code.UNKNOWN, Status.Code.INTERNAL, Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS);


  @TempDir static Path root;
  static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(root, 1, 2, "SCHEDD_SUBMIT_RATE = " + SUBMIT_RATE + "/s burst " + SUBMIT_BURST + "\n", "");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void everyService_malformedRandomAndOversizedCalls_callerErrorsOnly_daemonsServeOn_jobCompletes() throws Exception {
    Random random = new Random(SEED);
    Map<String, List<ServiceDescriptor>> daemons = new LinkedHashMap<>();
    daemons.put("negotiator", List.of(NegotiatorGrpc.getServiceDescriptor(),
        DaemonControlGrpc.getServiceDescriptor(), HealthGrpc.getServiceDescriptor()));
    daemons.put("schedd", List.of(ScheddGrpc.getServiceDescriptor(),
        DaemonControlGrpc.getServiceDescriptor(), HealthGrpc.getServiceDescriptor()));
    daemons.put(startdName(), List.of(StartdGrpc.getServiceDescriptor(),
        DaemonControlGrpc.getServiceDescriptor(), HealthGrpc.getServiceDescriptor()));

    List<String> faults = new ArrayList<>();
    int calls = 0;
    for (Map.Entry<String, List<ServiceDescriptor>> daemon : daemons.entrySet()) {
      ManagedChannel channel = Channels.open(address(daemon.getKey()), tls(FUZZ_OWNER));
      try {
        for (ServiceDescriptor service : daemon.getValue()) {
          for (MethodDescriptor<?, ?> method : service.getMethods()) {
            calls += fuzz(daemon.getKey(), channel, method, random, faults);
          }
        }
      } finally {
        Channels.close(channel);
      }
    }
    assertTrue(faults.isEmpty(), calls + " calls, " + faults.size() + " wrong answers:\n" + String.join("\n", faults));

    for (String daemon : daemons.keySet()) {
      assertEquals(ServingStatus.SERVING, health(daemon), daemon + " health after the fuzzing");
    }
    CommandResult status = cluster.run("llctl", "status").requireSuccess();
    List<String> daemonLines = status.out().lines().filter(l -> l.contains(" restarts ")).toList();
    assertEquals(3, daemonLines.size(), status.out()); // negotiator, schedd, startd
    assertTrue(daemonLines.stream().allMatch(l -> l.matches(".* restarts 0\\b.*")), status.out());

    cancelFuzzJobs();
    Path file = cluster.writeJobFile("after-fuzz.cmd", """
        # @ executable = /bin/echo
        # @ arguments  = still serving
        # @ output     = after-fuzz.out
        # @ error      = after-fuzz.err
        # @ queue
        """);
    String job = cluster.submit(file);
    List<JsonObject> steps = Steps.awaitFinished(cluster, job, 1, DEADLINE);
    assertEquals("STEP_STATE_COMPLETED", Steps.state(steps.get(0)), steps.toString());
    assertEquals("still serving\n", Files.readString(cluster.workDir().resolve("after-fuzz.out")));
    assertLogsClean();
  }

  /**
   * A claim secret is 32 hex digits ({@code MachineIdentity.newClaimSecret}); after permits were
   * issued, carried and checked, no daemon log holds such a string. Nor a stack trace per oversized
   * request, which would let a client flood the log.
   */
  private static void assertLogsClean() throws IOException {
    java.util.regex.Pattern secret = java.util.regex.Pattern.compile("\\b[0-9a-f]{32}\\b");
    try (Stream<Path> logs = Files.list(new ClusterHome(cluster.home()).logDir())) {
      for (Path log : logs.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
        var found = secret.matcher(text);
        if (found.find()) {
          throw new AssertionError(log + " holds a secret-like string: " + found.group());
        }
        assertFalse(text.contains("exceeds maximum size"), log + " logs oversized requests");
      }
    }
  }

  @Test
  void submitFlood_oneUser_refusedWithResourceExhaustedNamingTheKeyword_otherUsersStillSubmit() {
    // the schedd counts per verified user: flood has a client certificate of its own
    ManagedChannel channel = Channels.open(address("schedd"), tls("flood"));
    try {
      var flood = ScheddGrpc.newBlockingStub(channel);
      SubmitJobRequest request = SubmitJobRequest.newBuilder().setOwner("flood").setJob(JobSpec.newBuilder()
          .setJobFileName("flood").setSubmitHost("localhost").setSubmitDir("/tmp")
          .addSteps(ScheddClient.shellStep(cluster.workDir(), "flood", "true").setHold(HoldType.HOLD_TYPE_USER)))
          .build();
      List<String> jobs = new ArrayList<>();
      StatusRuntimeException refused = null;
      for (int i = 0; i < 10 * SUBMIT_BURST && refused == null; i++) {
        try {
          jobs.add(flood.withDeadlineAfter(30, TimeUnit.SECONDS).submitJob(request).getJobId());
        } catch (StatusRuntimeException e) {
          refused = e;
        }
      }
      assertTrue(refused != null, "no refusal after " + jobs.size() + " submits");
      assertTrue(jobs.size() >= SUBMIT_BURST, jobs.size() + " submits passed before the refusal");
      assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
      assertEquals("user flood: more than " + SUBMIT_RATE + " submits per second (SCHEDD_SUBMIT_RATE)",
          refused.getStatus().getDescription());

      CommandResult other = cluster.run("llsubmit", cluster.writeJobFile("other.cmd", """
          # @ executable = /bin/true
          # @ hold       = user
          # @ queue
          """).toString());
      assertEquals(0, other.exitCode(), other.err());
      flood.withDeadlineAfter(30, TimeUnit.SECONDS)
          .cancelSteps(CancelStepsRequest.newBuilder().addAllIds(jobs).setRequester("flood").build());
    } finally {
      Channels.close(channel);
    }
  }

  /** Sends (a), (b) and (c) to one method; adds a line to {@code faults} per wrong answer; returns the calls made. */
  private static int fuzz(String daemon, ManagedChannel channel, MethodDescriptor<?, ?> method, Random random,
      List<String> faults) throws Exception {
    MethodDescriptor<byte[], byte[]> raw = RawBytes.of(method);
    Message prototype = requestPrototype(method);
    String name = daemon + " " + method.getFullMethodName();
    // a method reserved to daemon certificates refuses this client's certificate before reading a byte
    boolean reserved = !RolePolicy.reservedTo(method.getFullMethodName()).isEmpty();
    int calls = 0;

    for (int i = 0; i < GARBAGE_CALLS; i++) {
      byte[] garbage = new byte[1 + random.nextInt(256)];
      random.nextBytes(garbage);
      if (parses(prototype, garbage)) {
        continue; // well-formed by chance: not garbage
      }
      Status status = call(channel, raw, garbage);
      calls++;
      if (status.getCode() != (reserved ? Status.Code.PERMISSION_DENIED : Status.Code.INVALID_ARGUMENT)) {
        faults.add(name + " (a) random bytes: " + describe(status));
      }
    }

    if (!NO_RANDOM_MESSAGES.contains(method.getFullMethodName())) {
      int count = method.getType().clientSendsOneMessage() && method.getType().serverSendsOneMessage()
          ? RANDOM_MESSAGE_CALLS : 2;
      for (int i = 0; i < count; i++) {
        Message message = safe(new RandomMessages(random).fill(prototype.newBuilderForType(), 0).build());
        Status status = call(channel, raw, message.toByteArray());
        calls++;
        boolean stream = !method.getType().serverSendsOneMessage() || !method.getType().clientSendsOneMessage();
        if (DAEMON_FAULTS.contains(status.getCode())
            || (!stream && status.getCode() == Status.Code.DEADLINE_EXCEEDED)) {
          faults.add(name + " (b) " + describe(status) + " for " + abbreviate(message));
        }
      }
    }

    byte[] oversized = new byte[GrpcServerService.MAX_INBOUND_MESSAGE_BYTES + 1024];
    random.nextBytes(oversized);
    Status status = call(channel, raw, oversized);
    calls++;
    if (status.getCode() != Status.Code.RESOURCE_EXHAUSTED
        && !(reserved && status.getCode() == Status.Code.PERMISSION_DENIED)) {
      faults.add(name + " (c) over 16 MB: " + describe(status));
    }
    return calls;
  }

  /** One call of one request; the status it ends with (a stream still open at its deadline: DEADLINE_EXCEEDED). */
  private static Status call(ManagedChannel channel, MethodDescriptor<byte[], byte[]> method, byte[] request)
      throws Exception {
    boolean unary = method.getType().serverSendsOneMessage() && method.getType().clientSendsOneMessage();
    Duration deadline = unary ? UNARY_DEADLINE : STREAM_DEADLINE;
    ClientCall<byte[], byte[]> call =
        channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
    CompletableFuture<Status> closed = new CompletableFuture<>();
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onClose(Status status, Metadata trailers) {
        closed.complete(status);
      }
    }, new Metadata());
    call.request(Integer.MAX_VALUE);
    call.sendMessage(request);
    call.halfClose();
    return closed.get(deadline.toMillis() + 30_000, TimeUnit.MILLISECONDS);
  }

  private static Message requestPrototype(MethodDescriptor<?, ?> method) {
    Object supplier = method.getSchemaDescriptor();
    if (supplier instanceof ProtoMethodDescriptorSupplier proto) {
      return com.google.protobuf.DynamicMessage.getDefaultInstance(proto.getMethodDescriptor().getInputType());
    }
    throw new AssertionError(method.getFullMethodName() + " has no proto schema");
  }

  private static boolean parses(Message prototype, byte[] bytes) {
    try {
      prototype.getParserForType().parseFrom(bytes);
      return true;
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
  }

  /** A random SubmitJob must not write where it likes: its steps run /bin/true in the work folder. */
  private static Message safe(Message message) {
    if (!(message.getDescriptorForType().getFullName().equals(SubmitJobRequest.getDescriptor().getFullName()))) {
      return message;
    }
    try {
      SubmitJobRequest.Builder request = SubmitJobRequest.parseFrom(message.toByteArray()).toBuilder()
          .setOwner(FUZZ_OWNER);
      JobSpec.Builder job = request.getJobBuilder();
      String work = cluster.workDir().toString();
      for (StepSpec.Builder step : job.getStepsBuilderList()) {
        step.setExecutable("/bin/true").clearArguments().setInput("/dev/null").setOutput(work + "/fuzz.out")
            .setError(work + "/fuzz.err").setInitialdir(work).setHold(HoldType.HOLD_TYPE_USER);
      }
      return request.build();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  /** Cancels whatever the random submissions queued, so the last job does not wait behind them. */
  private static void cancelFuzzJobs() {
    try (ScheddClient schedd = new ScheddClient(cluster)) {
      List<String> ids = schedd.queryAll(QueryStepsRequest.newBuilder().addOwners(FUZZ_OWNER).build())
          .stream().map(StepStatus::getStepId).toList();
      if (!ids.isEmpty()) {
        schedd.stub(FUZZ_OWNER).withDeadlineAfter(30, TimeUnit.SECONDS).cancelSteps(CancelStepsRequest.newBuilder().addAllIds(ids).build());
      }
    }
  }

  /** The credentials every openll client of this cluster presents (the cluster user's certificate). */
  private static org.openll.common.security.ClusterTls tls() {
    return org.openll.common.security.ClusterTls.forCurrentUser(new org.openll.common.cluster.ClusterHome(cluster.home()));
  }

  /**
   * The client certificate of {@code user} (issued from the cluster's CA on first use): the schedd
   * takes the owner of a submission from it. The fuzzer calls as a user who is no administrator.
   */
  private static org.openll.common.security.ClusterTls tls(String user) {
    try {
      return org.openll.common.security.ClusterTls.forClient(new org.openll.common.cluster.ClusterHome(cluster.home()), user);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ServingStatus health(String daemon) {
    ManagedChannel channel = Channels.open(address(daemon), tls());
    try {
      return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus();
    } finally {
      Channels.close(channel);
    }
  }

  private static HostPort address(String daemon) {
    return HostPort.parse(new ClusterHome(cluster.home()).readAddress(daemon)
        .orElseThrow(() -> new AssertionError("no run/" + daemon + ".addr")));
  }

  private static String startdName() {
    try (Stream<Path> files = Files.list(cluster.home().resolve("run"))) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("startd-") && n.endsWith(".addr"))
          .map(n -> n.substring(0, n.length() - ".addr".length()))
          .findFirst().orElseThrow(() -> new AssertionError("no run/startd-*.addr"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(Status status) {
    return status.getCode() + " " + status.getDescription();
  }

  private static String abbreviate(Message message) {
    String text = com.google.protobuf.TextFormat.shortDebugString(message);
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  /**
   * Fills a message with random values: strings of any characters, numbers across their whole range
   * (negative ones included), enum numbers no enum names, long repeated scalars at the top, up to
   * three entries of repeated messages, nested messages to a small depth.
   */
  private static final class RandomMessages {
    private static final int MAX_DEPTH = 3;
    private final Random random;

    RandomMessages(Random random) {
      this.random = random;
    }

    Message.Builder fill(Message.Builder builder, int depth) {
      for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
        if (random.nextInt(3) == 0) {
          continue; // leave some fields unset
        }
        try {
          if (field.isRepeated()) {
            boolean message = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
            int n = message ? random.nextInt(4) : depth <= 1 && random.nextInt(4) == 0 ? 5_000 : random.nextInt(4);
            for (int i = 0; i < n; i++) {
              builder.addRepeatedField(field, value(builder, field, depth));
            }
          } else if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || depth < MAX_DEPTH) {
            builder.setField(field, value(builder, field, depth));
          }
        } catch (RuntimeException mapOrUnsupported) {
          builder.clearField(field); // e.g. a map entry type the builder does not hand out
        }
      }
      return builder;
    }

    private Object value(Message.Builder parent, FieldDescriptor field, int depth) {
      return switch (field.getJavaType()) {
        case INT -> random.nextBoolean() ? random.nextInt() : -random.nextInt(10);
        case LONG -> random.nextBoolean() ? random.nextLong() : -random.nextInt(10);
        case FLOAT -> random.nextBoolean() ? Float.NaN : (float) (random.nextGaussian() * 1e6);
        case DOUBLE -> random.nextBoolean() ? Double.NEGATIVE_INFINITY : random.nextGaussian() * 1e9;
        case BOOLEAN -> random.nextBoolean();
        case STRING -> string();
        case BYTE_STRING -> ByteString.copyFromUtf8(string());
        case ENUM -> field.getEnumType().findValueByNumberCreatingIfUnknown(random.nextInt(1000) - 10);
        case MESSAGE -> {
          yield fill(parent.newBuilderForField(field), depth + 1).build();
        }
      };
    }

    private String string() {
      int length = random.nextInt(5) == 0 ? 2_000 : random.nextInt(12);
      StringBuilder s = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        s.appendCodePoint(switch (random.nextInt(4)) {
          case 0 -> 'a' + random.nextInt(26);
          case 1 -> " ./*$()\n\t\"'\\#=:,;-".charAt(random.nextInt(19));
          case 2 -> random.nextInt(0x20);
          default -> 0xA0 + random.nextInt(0x2000);
        });
      }
      return s.toString();
    }
  }
}
