package org.openll.startd;

import java.nio.file.Path;
import java.util.List;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StepLaunch;
import org.openll.api.v1.StepSpec;

/** The StartStep requests of the startd's tests: one-CPU steps of alice's, permitted on node1. */
final class StartStepRequests {
  private StartStepRequests() {}

  /**
   * Step {@code stepId} from the schedd at {@code scheddAddress}, running {@code executable args}
   * in {@code dir}, its output in {@code dir/STEP.out} and {@code dir/STEP.err}.
   */
  static StartStepRequest of(Path dir, String scheddAddress, String stepId, String executable, List<String> args) {
    StepSpec spec = StepSpec.newBuilder()
        .setStepName("0").setExecutable(executable).addAllArguments(args)
        .setInput("/dev/null").setOutput(dir.resolve(stepId + ".out").toString())
        .setError(dir.resolve(stepId + ".err").toString()).setInitialdir(dir.toString())
        .setJobClass("No_Class").setCpus(1).build();
    return StartStepRequest.newBuilder()
        .setPermit(ClaimTableTest.permit(stepId, "node1", "s3cret"))
        .setLaunch(StepLaunch.newBuilder().setStepId(stepId).setJobName("h.1").setOwner("alice")
            .setScheddHost("h").setSpec(spec))
        .setScheddAddress(scheddAddress)
        .build();
  }
}
