package org.openll.it;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.SubmitJobRequest;
import org.openll.api.v1.SubmitJobResponse;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;

/**
 * A client in another language, as far as the schedd can tell: builds SubmitJob requests with
 * typed StepSpec fields directly, without the job command file parser.
 */
final class ScheddClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final ScheddGrpc.ScheddBlockingStub stub;

  ScheddClient(TestCluster cluster) {
    String address = new ClusterHome(cluster.home()).readAddress("schedd")
        .orElseThrow(() -> new AssertionError("no run/schedd.addr"));
    channel = Channels.open(HostPort.parse(address), org.openll.common.security.ClusterTls.forCurrentUser(new ClusterHome(cluster.home())));
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
    SubmitJobResponse response = stub.withDeadlineAfter(30, TimeUnit.SECONDS)
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

  @Override
  public void close() {
    Channels.close(channel);
  }
}
