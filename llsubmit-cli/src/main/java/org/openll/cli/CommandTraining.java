package org.openll.cli;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openll.api.v1.CancelStepsRequest;
import org.openll.api.v1.CancelStepsResponse;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.QueryStepsResponse;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepStatus;
import org.openll.api.v1.SubmitJobRequest;
import org.openll.api.v1.SubmitJobResponse;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.grpc.local.CommandSocketServer;

/**
 * The training run of the commands' AOT cache ({@code ./openll build}, docs/performance.md): the
 * everyday commands, in this JVM, against a stand-in schedd on a command socket of a scratch home,
 * so the cache holds the classes of the path a command really takes on a daemon's machine (the
 * job command file parser, the local call, the formatters) and not the TLS path's.
 *
 * <p>Usage: {@code CommandTraining SCRATCH_DIR} (an empty folder it may fill).
 */
public final class CommandTraining {
  private CommandTraining() {}

  private static final String JOB_FILE = """
      #!/bin/sh
      # @ job_name = train
      # @ class = short
      # @ output = $(job_name).$(jobid).$(stepid).out
      # @ error = $(job_name).$(jobid).$(stepid).err
      # @ wall_clock_limit = 00:10:00
      # @ resources = ConsumableCpus(1) ConsumableMemory(64 mb)
      # @ requirements = (Memory >= 64)
      # @ environment = COPY_ALL; TRAIN=1
      # @ step_name = first
      # @ queue
      # @ step_name = second
      # @ dependency = (first == 0)
      # @ queue
      echo trained
      """;

  public static void main(String[] args) throws IOException {
    Path scratch = Path.of(args[0]);
    Path jobFile = scratch.resolve("train.cmd");
    Files.writeString(jobFile, JOB_FILE);
    ClusterHome home = new ClusterHome(scratch);
    Files.createDirectories(home.runDir());
    Files.writeString(home.addressFile("schedd"), "127.0.0.1:1\n");
    CommandSocketServer schedd = new CommandSocketServer("schedd", home.commandSocket("schedd"),
        List.of(new StandInSchedd().bindService()), 1 << 20);
    schedd.start();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("OPENLL_HOME", scratch.toString());
    PrintStream quiet = Boolean.getBoolean("openll.training.verbose") ? System.err : new PrintStream(OutputStream.nullOutputStream());
    try {
      for (String[] command : List.of(
          new String[] {"llsubmit", jobFile.toString()},
          new String[] {"llq"},
          new String[] {"llq", "-l"},
          new String[] {"llq", "--json"},
          new String[] {"llcancel", "train.1.0"})) {
        int status = LlMain.run(command[0], java.util.Arrays.copyOfRange(command, 1, command.length), quiet, quiet, env,
            scratch.toAbsolutePath());
        if (status != 0) { // the cache still works, it only lacks what the command did not reach
          System.err.println("CommandTraining: " + String.join(" ", command) + " exited " + status);
        }
      }
    } finally {
      schedd.stop();
    }
  }

  /** Answers like a schedd: what was submitted is Idle. */
  private static final class StandInSchedd extends ScheddGrpc.ScheddImplBase {
    private final List<StepStatus> steps = new ArrayList<>();

    @Override
    public void submitJob(SubmitJobRequest request, StreamObserver<SubmitJobResponse> answer) {
      JobSpec job = request.getJob();
      SubmitJobResponse.Builder response = SubmitJobResponse.newBuilder().setJobId("train.1");
      Instant now = Instant.now();
      for (int i = 0; i < job.getStepsCount(); i++) {
        String id = "train.1." + i;
        response.addStepIds(id);
        steps.add(StepStatus.newBuilder().setStepId(id).setJobId("train.1").setJobName("train")
            .setOwner(request.getOwner()).setState(StepState.STEP_STATE_IDLE).setSpec(job.getSteps(i))
            .setQueueTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond())).setScheddHost("train")
            .setSubmitHost("train").setJobFileName("train.cmd").build());
      }
      answer.onNext(response.build());
      answer.onCompleted();
    }

    @Override
    public void querySteps(QueryStepsRequest request, StreamObserver<QueryStepsResponse> answer) {
      answer.onNext(QueryStepsResponse.newBuilder().addAllSteps(steps).build());
      answer.onCompleted();
    }

    @Override
    public void cancelSteps(CancelStepsRequest request, StreamObserver<CancelStepsResponse> answer) {
      answer.onNext(CancelStepsResponse.newBuilder().addAllStepIds(request.getIdsList()).build());
      answer.onCompleted();
    }
  }
}
