package org.openll.it;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.SubmitJobRequest;
import org.openll.api.v1.SubmitJobResponse;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;
import org.openll.common.security.ClusterTls;

/**
 * A client in another language, as far as the schedd can tell: builds SubmitJob requests with
 * typed StepSpec fields directly, without the job command file parser. It calls as the user running
 * the test (that user's client certificate), and submits a job of another owner with that owner's
 * client certificate, issued from the cluster's CA on first use: the schedd takes the owner from the
 * certificate, never from the request.
 */
final class ScheddClient implements AutoCloseable {
  private final ClusterHome home;
  private final HostPort address;
  private final ManagedChannel channel;
  private final ScheddGrpc.ScheddBlockingStub stub;
  private final Map<String, ManagedChannel> channelsOfOwners = new HashMap<>();

  ScheddClient(TestCluster cluster) {
    home = new ClusterHome(cluster.home());
    address = HostPort.parse(home.readAddress("schedd").orElseThrow(() -> new AssertionError("no run/schedd.addr")));
    channel = Channels.open(address, ClusterTls.forCurrentUser(home));
    stub = ScheddGrpc.newBlockingStub(channel);
  }

  /** A step that runs {@code /bin/sh -c script} in {@code work}, its output in {@code work/name.out}. */
  static StepSpec.Builder shellStep(Path work, String name, String script) {
    return StepSpec.newBuilder().setStepName(name).setExecutable("/bin/sh").addArguments("-c").addArguments(script)
        .setInput("/dev/null").setOutput(work.resolve(name + ".out").toString())
        .setError(work.resolve(name + ".err").toString()).setInitialdir(work.toString())
        .setJobClass("No_Class").setCpus(1).setUserPriority(50);
  }

  /** Submits {@code steps} as one job of {@code owner}; returns the job id. */
  String submit(String owner, List<StepSpec.Builder> steps) {
    JobSpec.Builder job = JobSpec.newBuilder().setJobFileName("grpc-client").setSubmitHost("localhost")
        .setSubmitDir("/tmp");
    steps.forEach(job::addSteps);
    SubmitJobResponse response = stub(owner).withDeadlineAfter(30, TimeUnit.SECONDS)
        .submitJob(SubmitJobRequest.newBuilder().setJob(job).setOwner(owner).build());
    return response.getJobId();
  }

  /** Every step of QuerySteps' answer to {@code request}, page after page. */
  java.util.List<org.openll.api.v1.StepStatus> queryAll(org.openll.api.v1.QueryStepsRequest request) {
    java.util.List<org.openll.api.v1.StepStatus> steps = new java.util.ArrayList<>();
    org.openll.api.v1.QueryStepsRequest next = request;
    while (true) {
      org.openll.api.v1.QueryStepsResponse page = stub().querySteps(next);
      steps.addAll(page.getStepsList());
      if (page.getNextPageToken().isEmpty()) {
        return steps;
      }
      next = request.toBuilder().setPageToken(page.getNextPageToken()).build();
    }
  }

  ScheddGrpc.ScheddBlockingStub stub() {
    return stub.withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  /** A stub calling as {@code user}, with that user's client certificate. */
  ScheddGrpc.ScheddBlockingStub stub(String user) {
    if (user.equals(System.getProperty("user.name"))) {
      return stub;
    }
    return ScheddGrpc.newBlockingStub(channelsOfOwners.computeIfAbsent(user, u -> {
      try {
        return Channels.open(address, ClusterTls.forClient(home, u));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }));
  }

  @Override
  public void close() {
    Channels.close(channel);
    channelsOfOwners.values().forEach(Channels::close);
  }
}
