package org.openll.cli;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openll.api.v1.CancelStepsRequest;
import org.openll.api.v1.CancelStepsResponse;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.QueryStepsResponse;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.SubmitJobRequest;
import org.openll.api.v1.SubmitJobResponse;
import org.openll.common.cluster.ClusterHome;

/**
 * A schedd served in-process for command tests: records what it receives and answers what the
 * test set, or fails with {@link #failWith}. Publishes a fake address in the test's home.
 */
final class FakeSchedd extends ScheddGrpc.ScheddImplBase implements AutoCloseable {
  final List<SubmitJobRequest> submits = new ArrayList<>();
  final List<QueryStepsRequest> queries = new ArrayList<>();
  final List<CancelStepsRequest> cancels = new ArrayList<>();
  final List<org.openll.api.v1.HoldStepsRequest> holds = new ArrayList<>();
  final List<org.openll.api.v1.ReleaseStepsRequest> releases = new ArrayList<>();
  SubmitJobResponse submitResponse = SubmitJobResponse.getDefaultInstance();
  QueryStepsResponse queryResponse = QueryStepsResponse.getDefaultInstance();
  /** When set: the answer to each page_token ("" for the first page), instead of queryResponse. */
  java.util.Map<String, QueryStepsResponse> queryPages;
  Status failWith;

  private final String serverName = InProcessServerBuilder.generateName();
  private final Server server;
  private final Path home;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  FakeSchedd(Path home) throws IOException {
    this.home = home;
    this.server = InProcessServerBuilder.forName(serverName).directExecutor().addService(this).build().start();
    new ClusterHome(home).publishAddress("schedd", "127.0.0.1:7001");
  }

  /** Runs {@code command} in-process against this schedd, with stdin {@code input}. */
  int runWithInput(String command, String input, String... args) {
    return LlMain.run(command, args, context(input));
  }

  /** Runs {@code command} (an instance, e.g. with a stand-in parser) against this schedd. */
  int runWith(Command command, String input, String... args) {
    return LlMain.execute("llsubmit", command, args, context(input));
  }

  private CliContext context(String input) {
    return new CliContext(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        Map.of(ClusterHome.ENV, home.toString()),
        home,
        "jdoe",
        "/home/jdoe",
        Clock.fixed(Instant.parse("2007-07-24T12:00:00Z"), ZoneId.of("UTC")),
        address -> InProcessChannelBuilder.forName(serverName).directExecutor().build(),
        Duration.ofSeconds(5));
  }

  int run(String command, String... args) {
    return runWithInput(command, "", args);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void submitJob(SubmitJobRequest request, StreamObserver<SubmitJobResponse> response) {
    submits.add(request);
    answer(response, submitResponse);
  }

  @Override
  public void querySteps(QueryStepsRequest request, StreamObserver<QueryStepsResponse> response) {
    queries.add(request);
    answer(response, queryPages == null ? queryResponse : queryPages.get(request.getPageToken()));
  }

  @Override
  public void cancelSteps(CancelStepsRequest request, StreamObserver<CancelStepsResponse> response) {
    cancels.add(request);
    answer(response, CancelStepsResponse.getDefaultInstance());
  }

  @Override
  public void holdSteps(org.openll.api.v1.HoldStepsRequest request,
      StreamObserver<org.openll.api.v1.HoldStepsResponse> response) {
    holds.add(request);
    answer(response, org.openll.api.v1.HoldStepsResponse.getDefaultInstance());
  }

  @Override
  public void releaseSteps(org.openll.api.v1.ReleaseStepsRequest request,
      StreamObserver<org.openll.api.v1.ReleaseStepsResponse> response) {
    releases.add(request);
    answer(response, org.openll.api.v1.ReleaseStepsResponse.getDefaultInstance());
  }

  final List<org.openll.api.v1.WatchStepsRequest> watches = new ArrayList<>();
  /** Each WatchSteps call sends the next list here, then ends with {@link #watchEnd} (OK when null). */
  final java.util.ArrayDeque<List<org.openll.api.v1.StepEvent>> watchStreams = new java.util.ArrayDeque<>();
  final java.util.ArrayDeque<Status> watchEnds = new java.util.ArrayDeque<>();

  @Override
  public void watchSteps(org.openll.api.v1.WatchStepsRequest request, StreamObserver<org.openll.api.v1.StepEvent> response) {
    watches.add(request);
    List<org.openll.api.v1.StepEvent> events = watchStreams.isEmpty() ? List.of() : watchStreams.poll();
    events.forEach(response::onNext);
    Status end = watchEnds.poll();
    if (end == null || end.isOk()) {
      response.onCompleted();
    } else {
      response.onError(end.asRuntimeException());
    }
  }

  private <T> void answer(StreamObserver<T> response, T value) {
    if (failWith != null) {
      response.onError(failWith.asRuntimeException());
      return;
    }
    response.onNext(value);
    response.onCompleted();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
