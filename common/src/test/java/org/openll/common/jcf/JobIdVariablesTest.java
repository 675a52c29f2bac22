package org.openll.common.jcf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.EnvVar;
import org.openll.api.v1.StepSpec;

class JobIdVariablesTest {
  private static final String ALL = "$(jobid).$(cluster).$(stepid).$(process).$(job_name).$(schedd_host)";

  @Test
  void expand_everyPathArgumentAndEnvironmentValue_replaced() {
    StepSpec spec = StepSpec.newBuilder()
        .setStepName("s")
        .setInput("/in/" + ALL)
        .setOutput("/out/" + ALL)
        .setError("/err/" + ALL)
        .setInitialdir("/dir/" + ALL)
        .setExecutable("/bin/" + ALL)
        .addArguments(ALL)
        .addArguments("-x")
        .addEnvironment(EnvVar.newBuilder().setName("ID").setValue(ALL))
        .setRequirements("(Arch == \"$(jobid)\")")
        .build();

    StepSpec expanded = JobIdVariables.expand(spec, "sched1", 42, 3, "myjob");

    String all = "42.42.3.3.myjob.sched1";
    assertEquals("/in/" + all, expanded.getInput());
    assertEquals("/out/" + all, expanded.getOutput());
    assertEquals("/err/" + all, expanded.getError());
    assertEquals("/dir/" + all, expanded.getInitialdir());
    assertEquals("/bin/" + all, expanded.getExecutable());
    assertEquals(List.of(all, "-x"), expanded.getArgumentsList());
    assertEquals(EnvVar.newBuilder().setName("ID").setValue(all).build(), expanded.getEnvironment(0));
    assertEquals("s", expanded.getStepName());
    assertEquals("(Arch == \"$(jobid)\")", expanded.getRequirements());
  }

  @Test
  void expand_namesCaseInsensitiveOtherVariablesKept() {
    StepSpec spec = StepSpec.newBuilder().setOutput("/o/$(JobID).$(Cluster).$(other).$HOME").build();
    assertEquals("/o/7.7.$(other).$HOME", JobIdVariables.expand(spec, "h", 7, 0, "j").getOutput());
  }

  @Test
  void expand_jobNameWithDollarsOrBackslashes_insertedLiterally() {
    StepSpec spec = StepSpec.newBuilder().setOutput("/o/$(job_name)").build();
    assertEquals("/o/a$1\\b", JobIdVariables.expand(spec, "h", 1, 0, "a$1\\b").getOutput());
    assertEquals("/o/", JobIdVariables.expand(spec, "h", 1, 0, null).getOutput());
  }

  @Test
  void expandJobName_jobLevelVariablesReplaced() {
    assertEquals("run.12.sched1.$(stepid)",
        JobIdVariables.expandJobName("run.$(jobid).$(schedd_host).$(stepid)", "sched1", 12));
    assertEquals("run.12", JobIdVariables.expandJobName("run.$(Cluster)", "sched1", 12));
  }

  @Test
  void expandJobName_empty_defaultsToScheddHostDotJobNumber() {
    assertEquals("sched1.12", JobIdVariables.expandJobName("", "sched1", 12));
    assertEquals("sched1.12", JobIdVariables.expandJobName(null, "sched1", 12));
  }

  @Test
  void expand_afterParse_producesConcretePaths() throws Exception {
    StepSpec parsed = Jcf.parse(Jcf.file("# @ output = out.$(jobid).$(stepid)", "# @ queue")).job().getSteps(0);
    assertEquals("/home/alice/work/out.5.0", JobIdVariables.expand(parsed, "h", 5, 0, "h.5").getOutput());
  }
}
