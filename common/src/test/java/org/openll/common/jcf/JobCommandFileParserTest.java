package org.openll.common.jcf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.EnvCopy;
import org.openll.api.v1.EnvVar;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.JobType;
import org.openll.api.v1.NodeUsage;
import org.openll.api.v1.Notification;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.StepSpec;

class JobCommandFileParserTest {
  private static StepSpec onlyStep(String content) throws JobCommandFileException {
    JobSpec job = Jcf.parse(content).job();
    assertEquals(1, job.getStepsCount());
    return job.getSteps(0);
  }

  private static List<String> environment(StepSpec step) {
    return step.getEnvironmentList().stream().map(v -> v.getName() + "=" + v.getValue()).toList();
  }

  @Test
  void parse_onlyQueue_allDefaults() throws Exception {
    String content = Jcf.file("#!/bin/sh", "# @ queue", "echo hi");
    JobCommandFileParser.ParsedJob parsed = Jcf.parse(content);
    JobSpec job = parsed.job();
    assertEquals("", job.getJobName());
    assertEquals("job.cmd", job.getJobFileName());
    assertEquals("node1", job.getSubmitHost());
    assertEquals("/home/alice/work", job.getSubmitDir());
    assertEquals(content, job.getJobFileContent().toString(StandardCharsets.UTF_8));
    StepSpec step = job.getSteps(0);
    assertEquals("0", step.getStepName());
    assertTrue(step.getExecutableIsJobFile());
    assertEquals("", step.getExecutable());
    assertEquals(0, step.getArgumentsCount());
    assertEquals("/dev/null", step.getInput());
    assertEquals("/dev/null", step.getOutput());
    assertEquals("/dev/null", step.getError());
    assertEquals("/home/alice/work", step.getInitialdir());
    assertEquals("No_Class", step.getJobClass());
    assertEquals(0, step.getEnvironmentCount());
    assertEquals("", step.getShell());
    assertEquals(50, step.getUserPriority());
    assertEquals("(OpSys == \"Linux\")", step.getRequirements());
    assertEquals("", step.getPreferences());
    assertEquals(1, step.getCpus());
    assertEquals(2, step.getJobFileLine());
    assertEquals("No_Group", step.getGroup());
    assertEquals("alice@node1", step.getNotifyUser());
    assertEquals(Notification.NOTIFICATION_COMPLETE, step.getNotification());
    assertEquals(JobType.JOB_TYPE_SERIAL, step.getJobType());
    assertEquals(NodeUsage.NODE_USAGE_SHARED, step.getNodeUsage());
    assertEquals(EnvCopy.ENV_COPY_ALL, step.getEnvCopy());
    assertEquals(HoldType.HOLD_TYPE_NONE, step.getHold());
    assertFalse(step.hasLimits());
    assertFalse(step.hasStartdate());
    assertFalse(step.getNoRestart());
    assertEquals(List.of(), parsed.warnings());
  }

  @Test
  void parse_executableGiven_absoluteAgainstInitialdirAndNoFileContent() throws Exception {
    JobSpec job = Jcf.parse(Jcf.file("# @ initialdir = run", "# @ executable = bin/a.out", "# @ queue")).job();
    StepSpec step = job.getSteps(0);
    assertFalse(step.getExecutableIsJobFile());
    assertEquals("/home/alice/work/run/bin/a.out", step.getExecutable());
    assertTrue(job.getJobFileContent().isEmpty());
  }

  @Test
  void parse_paths_relativeToInitialdirAndNormalised() throws Exception {
    StepSpec step = onlyStep(Jcf.file(
        "# @ initialdir = ../scratch/./case",
        "# @ input = in.dat",
        "# @ output = out.$(jobid)",
        "# @ error = /tmp/err",
        "# @ queue"));
    assertEquals("/home/alice/scratch/case", step.getInitialdir());
    assertEquals("/home/alice/scratch/case/in.dat", step.getInput());
    assertEquals("/home/alice/scratch/case/out.$(jobid)", step.getOutput());
    assertEquals("/tmp/err", step.getError());
  }

  @Test
  void parse_absoluteInitialdir_kept() throws Exception {
    assertEquals("/scratch/alice", onlyStep(Jcf.file("# @ initialdir = /scratch/alice/", "# @ queue")).getInitialdir());
  }

  @Test
  void parse_emptyValues_meanDefaults() throws Exception {
    JobCommandFileParser.ParsedJob parsed = Jcf.parse(Jcf.file(
        "# @ output =", "# @ class =", "# @ notify_user =", "# @ user_priority =", "# @ queue"));
    StepSpec step = parsed.job().getSteps(0);
    assertEquals("/dev/null", step.getOutput());
    assertEquals("No_Class", step.getJobClass());
    assertEquals(50, step.getUserPriority());
  }

  @Test
  void parse_threeSteps_inheritAllButJobAndStepNamesDependencyAndNetwork() throws Exception {
    JobCommandFileParser.ParsedJob parsed = Jcf.parse(Jcf.file(
        "# @ job_name = big",
        "# @ step_name = first",
        "# @ class = long",
        "# @ output = o.$(step_name)",
        "# @ network.MPI = sn_all,not_shared,US",
        "# @ arguments = -v",
        "# @ queue",
        "# @ job_name = ignored",
        "# @ class = short",
        "# @ network.mpi = sn_all,,US",
        "# @ queue",
        "# @ step_name = third",
        "# @ dependency = (first == 0)",
        "# @ user_priority = 10",
        "# @ queue"));
    JobSpec job = parsed.job();
    assertEquals("big", job.getJobName());
    assertEquals(3, job.getStepsCount());
    StepSpec first = job.getSteps(0);
    StepSpec second = job.getSteps(1);
    StepSpec third = job.getSteps(2);
    assertEquals(List.of("first", "1", "third"),
        job.getStepsList().stream().map(StepSpec::getStepName).toList());
    assertEquals(List.of("long", "short", "short"),
        job.getStepsList().stream().map(StepSpec::getJobClass).toList());
    assertEquals("/home/alice/work/o.first", first.getOutput());
    assertEquals("/home/alice/work/o.1", second.getOutput());
    assertEquals("/home/alice/work/o.third", third.getOutput());
    assertEquals(List.of("-v"), third.getArgumentsList());
    assertEquals(50, second.getUserPriority());
    assertEquals(10, third.getUserPriority());
    assertEquals(List.of(7, 11, 15),
        job.getStepsList().stream().map(StepSpec::getJobFileLine).toList());
    assertEquals(List.of("", "", "(first == 0)"), job.getStepsList().stream().map(StepSpec::getDependency).toList());
    assertEquals("sn_all", first.getNetworks(0).getNetworkType());
    assertEquals("not_shared", first.getNetworks(0).getUsage());
    assertEquals("", second.getNetworks(0).getUsage());
    assertEquals(0, third.getNetworksCount());
    assertEquals(List.of("job.cmd:8: job_name: only honoured in the first step; ignored"), parsed.warnings());
  }

  @Test
  void parse_variables_expandedAtSubmit() throws Exception {
    StepSpec step = onlyStep(Jcf.file(
        "# @ class = dev",
        "# @ comment = nightly",
        "# @ step_name = s1",
        "# @ initialdir = $(home)/runs",
        "# @ executable = bin/$(user).sh",
        "# @ arguments = $(host) $(HOSTNAME) $(class) $(step_name) $(initialdir) $(comment) $(base_executable) $(executable)",
        "# @ output = $(executable).$(jobid).$(Cluster).$(stepid).$(process).$(job_name).$(schedd_host)",
        "# @ error = $(output).err",
        "# @ queue"));
    assertEquals("/home/alice/runs", step.getInitialdir());
    assertEquals("/home/alice/runs/bin/alice.sh", step.getExecutable());
    assertEquals(List.of("node1", "node1", "dev", "s1", "/home/alice/runs", "nightly", "alice.sh", "bin/alice.sh"),
        step.getArgumentsList());
    assertEquals("/home/alice/runs/bin/alice.sh.$(jobid).$(Cluster).$(stepid).$(process).$(job_name).$(schedd_host)",
        step.getOutput());
    assertEquals(step.getOutput() + ".err", step.getError());
  }

  @Test
  void parse_executableVariableWithoutExecutable_isJobFileName() throws Exception {
    StepSpec step = onlyStep(Jcf.file("# @ output = $(base_executable).out", "# @ queue"));
    assertEquals("/home/alice/work/job.cmd.out", step.getOutput());
  }

  @Test
  void parse_jobNameVariables_expandedFromFirstStep() throws Exception {
    assertEquals("run_alice_$(jobid)",
        Jcf.parse(Jcf.file("# @ job_name = run_$(user)_$(jobid)", "# @ queue")).job().getJobName());
  }

  @Test
  void parse_arguments_splitOnBlanksKeepingQuotedGroups() throws Exception {
    StepSpec step = onlyStep(Jcf.file("# @ arguments =  -n 4   \"two words\" x\"y z\" \"\" ", "# @ queue"));
    assertEquals(List.of("-n", "4", "two words", "xy z", ""), step.getArgumentsList());
  }

  @Test
  void parse_environmentCopyAll_copiesEverythingSortedThenAppliesItems() throws Exception {
    StepSpec step = onlyStep(Jcf.file(
        "# @ environment = !DISPLAY; COPY_ALL; PATH=/opt/bin; EXTRA = 1 ;", "# @ queue"));
    assertEquals(List.of("HOME=/home/alice", "NEXTSTEP=wrf", "PATH=/opt/bin", "EXTRA=1"), environment(step));
  }

  @Test
  void parse_environmentWithoutCopyAll_onlyListedVariables() throws Exception {
    Map<String, String> env = new LinkedHashMap<>(Map.of("HOME", "/home/alice", "TERM", "xterm"));
    JobCommandFileParser.ParsedJob parsed = new JobCommandFileParser().parse(Jcf.file(
        "# @ environment = $HOME; $MISSING; A=x; A=y; B=; !TERM", "# @ queue"), Jcf.context(env));
    assertEquals(List.of("HOME=/home/alice", "A=y", "B="), environment(parsed.job().getSteps(0)));
    assertEquals(List.of("job.cmd:1: environment: environment variable MISSING is not set; not copied"), parsed.warnings());
  }

  @Test
  void parse_environmentValue_namesAreUnique() throws Exception {
    StepSpec step = onlyStep(Jcf.file("# @ environment = COPY_ALL; HOME=/x; $HOME", "# @ queue"));
    List<EnvVar> homes = step.getEnvironmentList().stream().filter(v -> v.getName().equals("HOME")).toList();
    assertEquals(List.of(EnvVar.newBuilder().setName("HOME").setValue("/home/alice").build()), homes);
    assertEquals(List.of("DISPLAY", "HOME", "NEXTSTEP", "PATH"),
        step.getEnvironmentList().stream().map(EnvVar::getName).toList());
  }

  @Test
  void parse_storedKeywords_readIntoStep() throws Exception {
    JobCommandFileParser.ParsedJob parsed = Jcf.parse(Jcf.file(
        "# @ shell = /bin/bash",
        "# @ user_priority = 0",
        "# @ requirements = (Arch == \"x86_64\") && (OpSys == \"Linux\")",
        "# @ preferences = Memory >= 4096",
        "# @ resources = ConsumableMemory(2 gb)ConsumableCPUS( 4 ) FRMlicense(1)",
        "# @ queue",
        "# @ queue"));
    StepSpec step = parsed.job().getSteps(0);
    assertEquals("/bin/bash", step.getShell());
    assertEquals(0, step.getUserPriority());
    assertEquals("(Arch == \"x86_64\") && (OpSys == \"Linux\")", step.getRequirements());
    assertEquals("Memory >= 4096", step.getPreferences());
    assertEquals(4, step.getCpus());
    assertEquals(4, parsed.job().getSteps(1).getCpus());
    assertEquals(List.of("ConsumableMemory=2048", "ConsumableCpus=4", "FRMlicense=1"),
        step.getResourcesList().stream().map(r -> r.getName() + "=" + r.getAmount()).toList());
    assertEquals(List.of(), parsed.warnings());
  }

  @Test
  void parse_hintKeywords_warnOncePerKeyword() throws Exception {
    JobCommandFileParser.ParsedJob parsed = Jcf.parse(Jcf.file(
        "# @ rset = rset_mcm_affinity",
        "# @ RSET = rset_consumable_cpus",
        "# @ mcm_affinity_options = mcm_distribute mcm_mem_req",
        "# @ ckpt_dir = /scratch/ckpt",
        "# @ queue"));
    assertEquals(List.of(
        "job.cmd:1: rset: openll has no AIX resource sets; ignored",
        "job.cmd:3: mcm_affinity_options: openll has no AIX MCM affinity; ignored",
        "job.cmd:4: ckpt_dir: openll does not checkpoint; ignored"), parsed.warnings());
  }

  @Test
  void parse_statementsAfterLastQueue_ignoredWithOneWarning() throws Exception {
    JobCommandFileParser.ParsedJob parsed = Jcf.parse(Jcf.file(
        "# @ queue", "# @ resources = ConsumableCpus(8)", "# @ user_priority = nonsense"));
    assertEquals(1, parsed.job().getSteps(0).getCpus());
    assertEquals(List.of("job.cmd:2: statements after the last queue statement are ignored"), parsed.warnings());
  }

  @Test
  void keywords_networkJobNameStepNameDependency_notInherited() {
    for (String keyword : List.of("network.mpi", "network.lapi", "job_name", "step_name", "dependency")) {
      assertFalse(Keywords.isInherited(keyword), keyword);
    }
    for (String keyword : List.of("class", "output", "environment", "wall_clock_limit", "resources")) {
      assertTrue(Keywords.isInherited(keyword), keyword);
    }
  }

  @Test
  void parse_utf8File_contentKeptAsBytes() throws Exception {
    String content = Jcf.file("# @ comment = café", "# @ queue");
    assertEquals(content, Jcf.parse(content).job().getJobFileContent().toStringUtf8());
  }
}
