package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.EnvVar;
import org.openll.api.v1.StateChange;
import org.openll.api.v1.StepResult;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepStatus;
import org.openll.common.authz.TestCallers;

class StepPrivacyTest {
  private static final String R = StepPrivacy.REDACTED;
  private final StepPrivacy privacy = new StepPrivacy("loadl"::equals);

  private static StepStatus stepOfAlice() {
    return StepStatus.newBuilder().setStepId("h.1.0").setOwner("alice").setJobName("nightly").setJobFileName("/home/alice/j.cmd")
        .setSpec(StepSpec.newBuilder().setExecutable("/home/alice/bin/run").addArguments("-c").addArguments("--key=s3cret")
            .setInput("/dev/null").setOutput("/home/alice/out/run.out").setError("/home/alice/out/run.err")
            .setInitialdir("/home/alice/out").setJobClass("small").setShell("/bin/sh").setComment("visible")
            .addEnvironment(EnvVar.newBuilder().setName("TOKEN").setValue("abc"))
            .addEnvironment(EnvVar.newBuilder().setName("DATA").setValue("/data/alice")))
        .addHistory(StateChange.newBuilder().setMessage("submitted by alice from client"))
        .addHistory(StateChange.newBuilder().setMessage("cannot open output /home/alice/out/run.out: Permission denied"))
        .setResult(StepResult.newBuilder().setMessage("cannot read /data/alice/x and /home/alice/out")
            .setNotificationFile("/home/alice/.openll/n.txt").setExitCode(3))
        .build();
  }

  @Test
  void view_ownerOrAdministrator_everything() {
    StepStatus step = stepOfAlice();
    assertSame(step, privacy.view(step, TestCallers.user("alice")));
    assertSame(step, privacy.view(step, TestCallers.user("loadl")));
  }

  @Test
  void view_otherUser_pathsArgumentsEnvironmentValuesRedacted_restKept() {
    StepStatus seen = privacy.view(stepOfAlice(), TestCallers.user("bob"));

    StepSpec spec = seen.getSpec();
    assertEquals(List.of(R, R, R, R, R), List.of(spec.getExecutable(), spec.getInput(), spec.getOutput(),
        spec.getError(), spec.getInitialdir()));
    assertEquals(List.of(R), spec.getArgumentsList());
    assertEquals(List.of("TOKEN=" + R, "DATA=" + R),
        spec.getEnvironmentList().stream().map(v -> v.getName() + "=" + v.getValue()).toList());
    assertEquals(R, seen.getJobFileName());
    assertEquals(R, seen.getResult().getNotificationFile());
    assertEquals("cannot open output " + R + ": Permission denied", seen.getHistory(1).getMessage());
    assertEquals("cannot read " + R + "/x and " + R, seen.getResult().getMessage());
    // what llq shows of everyone's steps stays
    assertEquals(List.of("alice", "nightly", "small", "/bin/sh", "visible", "submitted by alice from client"),
        List.of(seen.getOwner(), seen.getJobName(), spec.getJobClass(), spec.getShell(), spec.getComment(),
            seen.getHistory(0).getMessage()));
    assertEquals(3, seen.getResult().getExitCode());
  }

  @Test
  void view_daemonCertificateNamedLikeTheOwner_redacted() {
    assertEquals(R, privacy.view(stepOfAlice(), TestCallers.daemon("alice")).getSpec().getExecutable());
  }

  @Test
  void view_emptyFieldsStayEmpty() {
    StepStatus bare = StepStatus.newBuilder().setOwner("alice").build();
    assertEquals(bare, privacy.view(bare, TestCallers.user("bob")));
  }
}
