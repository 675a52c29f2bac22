package org.openll.cli;

import io.grpc.BindableService;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openll.api.v1.DaemonControlGrpc;
import org.openll.api.v1.ExplainStepsRequest;
import org.openll.api.v1.ExplainStepsResponse;
import org.openll.api.v1.FavorStepsRequest;
import org.openll.api.v1.FavorStepsResponse;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.QueryClassesRequest;
import org.openll.api.v1.QueryClassesResponse;
import org.openll.api.v1.QueryFairShareRequest;
import org.openll.api.v1.QueryFairShareResponse;
import org.openll.api.v1.QueryMachinesRequest;
import org.openll.api.v1.QueryMachinesResponse;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.QueryStepsResponse;
import org.openll.api.v1.ReconfigRequest;
import org.openll.api.v1.ReconfigResponse;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.SetUserPriorityRequest;
import org.openll.api.v1.SetUserPriorityResponse;
import org.openll.common.cluster.ClusterHome;

/**
 * A cluster of in-process daemons for command tests: each daemon publishes its own fake address
 * in the test's home and is served by its own in-process server; a daemon published with
 * {@link #publishDown} has an address nobody serves (calls fail UNAVAILABLE). Records requests.
 */
final class FakeCluster implements AutoCloseable {
  final Negotiator negotiator = new Negotiator();
  final Schedd schedd = new Schedd();
  final Map<String, Control> controls = new HashMap<>();
  private final Map<String, String> serverByAddress = new HashMap<>();
  private final List<Server> servers = new ArrayList<>();
  private final Path home;
  private int nextPort = 7001;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  FakeCluster(Path home) throws IOException {
    this.home = home;
    serve("negotiator", negotiator, control("negotiator"));
    serve("schedd", schedd, control("schedd"));
  }

  /** Adds a startd's control service, published as {@code startd-MACHINE}. */
  Control startd(String machine) throws IOException {
    Control control = control("startd " + machine);
    serve("startd-" + machine, control);
    return control;
  }

  /** Publishes {@code daemonName} at an address no server answers. */
  void publishDown(String daemonName, String address) throws IOException {
    new ClusterHome(home).publishAddress(daemonName, address);
  }

  private Control control(String daemon) {
    Control control = new Control(daemon);
    controls.put(daemon, control);
    return control;
  }

  private void serve(String daemonName, BindableService... services) throws IOException {
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
    for (BindableService service : services) {
      builder.addService(service);
    }
    servers.add(builder.build().start());
    String address = "127.0.0.1:" + nextPort++;
    serverByAddress.put(address, name);
    new ClusterHome(home).publishAddress(daemonName, address);
  }

  int run(String command, String... args) {
    CliContext context = new CliContext(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(new byte[0]),
        Map.of(ClusterHome.ENV, home.toString()),
        home,
        "jdoe",
        "/home/jdoe",
        Clock.fixed(Instant.parse("2007-07-24T12:00:00Z"), ZoneId.of("UTC")),
        address -> InProcessChannelBuilder
            .forName(serverByAddress.getOrDefault(address.toString(), "nobody-at-" + address))
            .directExecutor().build(),
        Duration.ofSeconds(5));
    return LlMain.run(command, args, context);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    servers.forEach(Server::shutdownNow);
  }

  private static <T> void answer(StreamObserver<T> response, Status failWith, T value) {
    if (failWith != null) {
      response.onError(failWith.asRuntimeException());
      return;
    }
    response.onNext(value);
    response.onCompleted();
  }

  static final class Negotiator extends NegotiatorGrpc.NegotiatorImplBase {
    final List<QueryMachinesRequest> machineQueries = new ArrayList<>();
    final List<ExplainStepsRequest> explains = new ArrayList<>();
    final List<QueryClassesRequest> classQueries = new ArrayList<>();
    final List<FavorStepsRequest> favors = new ArrayList<>();
    QueryMachinesResponse machines = QueryMachinesResponse.getDefaultInstance();
    ExplainStepsResponse explanations = ExplainStepsResponse.getDefaultInstance();
    QueryClassesResponse classes = QueryClassesResponse.getDefaultInstance();
    QueryFairShareResponse fairShare = QueryFairShareResponse.getDefaultInstance();
    FavorStepsResponse favorResponse = FavorStepsResponse.getDefaultInstance();
    Status failWith;

    @Override
    public void queryMachines(QueryMachinesRequest request, StreamObserver<QueryMachinesResponse> response) {
      machineQueries.add(request);
      answer(response, failWith, machines);
    }

    @Override
    public void explainSteps(ExplainStepsRequest request, StreamObserver<ExplainStepsResponse> response) {
      explains.add(request);
      answer(response, failWith, explanations);
    }

    @Override
    public void queryClasses(QueryClassesRequest request, StreamObserver<QueryClassesResponse> response) {
      classQueries.add(request);
      answer(response, failWith, classes);
    }

    @Override
    public void queryFairShare(QueryFairShareRequest request, StreamObserver<QueryFairShareResponse> response) {
      answer(response, failWith, fairShare);
    }

    @Override
    public void favorSteps(FavorStepsRequest request, StreamObserver<FavorStepsResponse> response) {
      favors.add(request);
      answer(response, failWith, favorResponse);
    }
  }

  static final class Schedd extends ScheddGrpc.ScheddImplBase {
    final List<QueryStepsRequest> queries = new ArrayList<>();
    final List<SetUserPriorityRequest> priorities = new ArrayList<>();
    QueryStepsResponse steps = QueryStepsResponse.getDefaultInstance();
    Status failWith;

    @Override
    public void querySteps(QueryStepsRequest request, StreamObserver<QueryStepsResponse> response) {
      queries.add(request);
      answer(response, failWith, steps);
    }

    @Override
    public void setUserPriority(SetUserPriorityRequest request, StreamObserver<SetUserPriorityResponse> response) {
      priorities.add(request);
      answer(response, failWith, SetUserPriorityResponse.getDefaultInstance());
    }
  }

  static final class Control extends DaemonControlGrpc.DaemonControlImplBase {
    final String daemon;
    final List<ReconfigRequest> requests = new ArrayList<>();
    List<String> changed = List.of();
    Status failWith;

    Control(String daemon) {
      this.daemon = daemon;
    }

    @Override
    public void reconfig(ReconfigRequest request, StreamObserver<ReconfigResponse> response) {
      requests.add(request);
      answer(response, failWith, ReconfigResponse.newBuilder().setDaemon(daemon).addAllChanged(changed).build());
    }
  }
}
