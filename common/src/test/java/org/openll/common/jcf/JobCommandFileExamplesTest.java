package org.openll.common.jcf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.StepSpec;

/** Whole files in the styles real sites use (test resources under /jcf). */
class JobCommandFileExamplesTest {
  private static List<String> environment(StepSpec step) {
    return step.getEnvironmentList().stream().map(v -> v.getName() + "=" + v.getValue()).toList();
  }

  @Test
  void parse_scinetMultiStep_threeStepsSharingTheFile() throws Exception {
    String content = Jcf.resource("scinet-multistep.cmd");
    JobCommandFileParser.ParsedJob parsed = Jcf.parse(content);
    JobSpec job = parsed.job();
    assertEquals("wrf_alice", job.getJobName());
    assertEquals(content, job.getJobFileContent().toStringUtf8());
    assertEquals(List.of("wps", "wrf", "post"), job.getStepsList().stream().map(StepSpec::getStepName).toList());
    assertEquals(List.of("verylong", "verylong", "serial"),
        job.getStepsList().stream().map(StepSpec::getJobClass).toList());
    assertEquals(List.of(1, 4, 4), job.getStepsList().stream().map(StepSpec::getCpus).toList());
    assertEquals(List.of(18, 23, 28), job.getStepsList().stream().map(StepSpec::getJobFileLine).toList());
    for (StepSpec step : job.getStepsList()) {
      assertTrue(step.getExecutableIsJobFile());
      String output = "/home/alice/work/$(job_name).$(jobid)." + step.getStepName() + ".out";
      assertEquals(output, step.getOutput());
      assertEquals(output, step.getError());
      assertEquals(List.of("NEXTSTEP=wrf", "MP_INFOLEVEL=1", "MP_EAGER_LIMIT=64K", "OMP_NUM_THREADS=1"),
          environment(step));
    }
    assertEquals(List.of(
        "scinet-multistep.cmd:14: environment: environment variable NOWPS is not set; not copied"),
        parsed.warnings().stream().map(w -> w.replace("job.cmd", "scinet-multistep.cmd")).toList());
  }

  @Test
  void parse_compactNoBlanks_sameAsSpacedStyle() throws Exception {
    JobCommandFileParser.ParsedJob parsed = Jcf.parse(Jcf.resource("compact-no-blanks.cmd"));
    assertEquals("compact", parsed.job().getJobName());
    StepSpec step = parsed.job().getSteps(0);
    assertEquals("dev", step.getJobClass());
    assertEquals("/home/alice/work/runs/case1", step.getInitialdir());
    assertEquals("/home/alice/work/runs/case1/in.dat", step.getInput());
    assertEquals("/home/alice/work/runs/case1/out.$(jobid)", step.getOutput());
    assertEquals("/tmp/err.$(jobid).$(stepid)", step.getError());
    assertEquals(70, step.getUserPriority());
    assertEquals(1, step.getCpus());
    assertEquals(List.of("job.cmd:12: statements after the last queue statement are ignored"), parsed.warnings());
  }

  @Test
  void parse_continuation_joinsArgumentsRequirementsAndEnvironment() throws Exception {
    JobCommandFileParser.ParsedJob parsed = Jcf.parse(Jcf.resource("continuation.cmd"));
    assertTrue(parsed.job().getJobFileContent().isEmpty());
    StepSpec step = parsed.job().getSteps(0);
    assertFalse(step.getExecutableIsJobFile());
    assertEquals("/home/alice/work/bin/solver", step.getExecutable());
    assertEquals(List.of("-n", "10", "input file.dat", "--verbose"), step.getArgumentsList());
    assertEquals("((Arch == \"x86_64\") && (Feature == \"fast#net\")) && (OpSys == \"Linux\")", step.getRequirements());
    assertEquals("(Memory >= 4096)", step.getPreferences());
    assertEquals("/bin/ksh", step.getShell());
    assertEquals(List.of("HOME=/home/alice", "NEXTSTEP=wrf", "PATH=/usr/bin:/bin", "SOLVER_HOME=/home/alice/solver"),
        environment(step));
    assertEquals("/home/alice/work/logs/solver.$(jobid).out", step.getOutput());
    assertEquals("/home/alice/work/logs/solver.$(jobid).err", step.getError());
    assertEquals(15, step.getJobFileLine());
    assertEquals(List.of(), parsed.warnings());
  }

  @Test
  void parse_poeExecutable_initialdirFromHomeAndBackReferences() throws Exception {
    JobCommandFileParser.ParsedJob parsed = Jcf.parse(Jcf.resource("poe-executable.cmd"));
    assertEquals("phred", parsed.job().getJobName());
    StepSpec step = parsed.job().getSteps(0);
    assertEquals("/usr/bin/poe", step.getExecutable());
    assertEquals(List.of("./phred.x", "-procs", "4"), step.getArgumentsList());
    assertEquals("/scratch/alice/phred", step.getInitialdir());
    assertEquals("/scratch/alice/phred/phred.$(jobid).out", step.getOutput());
    assertEquals("/scratch/alice/phred/phred.$(jobid).err", step.getError());
    assertEquals(List.of(), parsed.warnings());
  }
}
