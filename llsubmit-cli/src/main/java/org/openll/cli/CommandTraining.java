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
 * <p>Usage: {@code CommandTraining SCRATCH_DIR [COMMAND]} (an empty folder it may fill): with a
 * command, only that command's lines, for a cache of its own: a JVM loads every class of its cache
 * at start, so a cache of one command's classes starts that command 4-6 ms sooner. The stand-in
 * schedd is this class again in a child JVM ({@code --stand-in SCRATCH_DIR}).
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

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args[0].equals(STAND_IN)) {
      serveStandIn(new ClusterHome(Path.of(args[1])));
      return;
    }
    Path scratch = Path.of(args[0]);
    Path jobFile = scratch.resolve("train.cmd");
    Files.writeString(jobFile, JOB_FILE);
    ClusterHome home = new ClusterHome(scratch);
    Process schedd = startStandIn(home);
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("OPENLL_HOME", scratch.toString());
    PrintStream quiet = Boolean.getBoolean("openll.training.verbose") ? System.err : new PrintStream(OutputStream.nullOutputStream());
    List<String[]> lines = List.of(
        new String[] {"llsubmit", jobFile.toString()},
        new String[] {"llsubmit", "-q", jobFile.toString()},
        new String[] {"llq"},
        new String[] {"llq", "-l"},
        new String[] {"llq", "--json"},
        new String[] {"llcancel", "train.1.0"});
    try {
      for (String[] command : lines) {
        boolean fillsTheQueue = command == lines.get(0); // for the other commands' training too
        if (args.length > 1 && !command[0].equals(args[1]) && !fillsTheQueue) {
          continue;
        }
        int status = LlMain.run(command[0], java.util.Arrays.copyOfRange(command, 1, command.length), quiet, quiet, env,
            scratch.toAbsolutePath());
        if (status != 0) { // the cache still works, it only lacks what the command did not reach
          System.err.println("CommandTraining: " + String.join(" ", command) + " exited " + status);
        }
      }
    } finally {
      schedd.destroy();
      schedd.waitFor();
    }
  }

  private static final String STAND_IN = "--stand-in";

  /**
   * The stand-in schedd runs in a JVM of its own: in this one, its classes (the server side of the
   * command socket, ~360 of them) would go into the cache and load in every command.
   */
  private static Process startStandIn(ClusterHome home) throws IOException, InterruptedException {
    Files.createDirectories(home.runDir());
    Files.writeString(home.addressFile("schedd"), "127.0.0.1:1\n");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        CommandTraining.class.getName(), STAND_IN, home.root().toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(home.commandSocket("schedd"))) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroy();
        throw new IOException("the stand-in schedd did not open " + home.commandSocket("schedd"));
      }
      Thread.sleep(10);
    }
    return process;
  }

  /** Serves the stand-in schedd on {@code home}'s command socket until stdin closes: its parent is gone. */
  private static void serveStandIn(ClusterHome home) throws IOException {
    CommandSocketServer schedd = new CommandSocketServer("schedd", home.commandSocket("schedd"),
        List.of(new StandInSchedd().bindService()), 1 << 20);
    schedd.start();
    try {
      System.in.transferTo(OutputStream.nullOutputStream());
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
