package org.openll.cli;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.openll.api.v1.EnvVar;
import org.openll.api.v1.StateChange;
import org.openll.api.v1.StepResult;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepStatus;

/** Hand-built steps for the formatter and command tests. */
public final class StepFixtures {
  private StepFixtures() {}

  public static Timestamp at(String instant) {
    Instant i = Instant.parse(instant);
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  /** An idle step {@code host.example.com.N.S} of {@code owner}, queued 2007-07-24 10:19:37 UTC. */
  public static StepStatus idle(int job, int step, String owner) {
    return StepStatus.newBuilder()
        .setStepId("meso-d.example.com." + job + "." + step)
        .setJobId("meso-d.example.com." + job)
        .setJobName("meso-d.example.com." + job)
        .setOwner(owner)
        .setState(StepState.STEP_STATE_IDLE)
        .setSpec(StepSpec.newBuilder()
            .setStepName(Integer.toString(step))
            .setExecutable("/bin/sleep")
            .addArguments("60")
            .setInput("/dev/null")
            .setOutput("/home/" + owner + "/out")
            .setError("/home/" + owner + "/err")
            .setInitialdir("/home/" + owner)
            .setJobClass("No_Class")
            .addEnvironment(EnvVar.newBuilder().setName("A").setValue("1"))
            .setUserPriority(50)
            .setCpus(1))
        .setQueueTime(at("2007-07-24T10:19:37Z"))
        .addHistory(StateChange.newBuilder().setState(StepState.STEP_STATE_IDLE).setTime(at("2007-07-24T10:19:37Z")))
        .setScheddHost("meso-d.example.com")
        .setSubmitHost("meso-d")
        .setJobFileName("job.cmd")
        .build();
  }

  public static StepStatus running(int job, int step, String owner, String machine) {
    return idle(job, step, owner).toBuilder()
        .setState(StepState.STEP_STATE_RUNNING)
        .setMachine(machine)
        .setDispatchTime(at("2007-07-24T10:20:00Z"))
        .build();
  }

  public static StepStatus completed(int job, int step, String owner, String machine) {
    return running(job, step, owner, machine).toBuilder()
        .setState(StepState.STEP_STATE_COMPLETED)
        .setCompletionTime(at("2007-07-24T10:21:00Z"))
        .setResult(StepResult.newBuilder()
            .setLaunched(true)
            .setExitCode(3)
            .setUserCpuMicros(1_500_000)
            .setSystemCpuMicros(250)
            .setMaxRssKb(2048)
            .setStartTime(at("2007-07-24T10:20:01Z"))
            .setEndTime(at("2007-07-24T10:20:59Z")))
        .addHistory(StateChange.newBuilder().setState(StepState.STEP_STATE_RUNNING).setTime(at("2007-07-24T10:20:01Z")))
        .addHistory(StateChange.newBuilder().setState(StepState.STEP_STATE_COMPLETED).setTime(at("2007-07-24T10:21:00Z"))
            .setMessage("exited with 3"))
        .build();
  }
}
