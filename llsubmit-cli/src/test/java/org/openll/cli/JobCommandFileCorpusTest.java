package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.JobType;
import org.openll.api.v1.NodeUsage;
import org.openll.api.v1.Notification;
import org.openll.api.v1.StepSpec;
import org.openll.common.jcf.JobCommandFileException;
import org.openll.common.jcf.JobCommandFileParser;
import org.openll.common.jcf.JobCommandFileParser.ParsedJob;
import org.openll.common.jcf.SubmitContext;
import org.openll.common.jcf.SubmitLimits;

/** Job command files in the styles real sites use (resources under /jcf-corpus), each with its expected parse. */
class JobCommandFileCorpusTest {
  private static final String PROC_LIMITS = "Max stack size            8388608              unlimited            bytes\n";

  private static ParsedJob parse(String name) throws JobCommandFileException {
    SubmitContext context = new SubmitContext(name, Path.of("/home/alice/work"), "alice", "/home/alice", "login1",
        Map.of("NEXTSTEP", "wrf", "PATH", "/usr/bin"), "hpc.example",
        Clock.fixed(Instant.EPOCH, ZoneId.of("UTC")), SubmitLimits.parse(PROC_LIMITS));
    return new JobCommandFileParser().parse(resource(name), context);
  }

  private static String resource(String name) {
    try (InputStream in = JobCommandFileCorpusTest.class.getResourceAsStream("/jcf-corpus/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String resources(StepSpec step) {
    return String.join(" ", step.getResourcesList().stream().map(r -> r.getName() + "(" + r.getAmount() + ")").toList());
  }

  @Test
  void serial_typicalTemplate() throws Exception {
    ParsedJob parsed = parse("serial.cmd");
    StepSpec step = parsed.job().getSteps(0);
    assertEquals("postproc", parsed.job().getJobName());
    assertEquals("serial", step.getJobClass());
    assertEquals("hpc-1234", step.getAccountNo());
    assertEquals("/home/alice/work/$(job_name).$(jobid).out", step.getOutput());
    assertEquals(7200, step.getLimits().getWallClockLimit().getHard().getAmount());
    assertEquals("ConsumableCpus(1) ConsumableMemory(1500)", resources(step));
    assertEquals(Notification.NOTIFICATION_ERROR, step.getNotification());
    assertEquals("alice@uni.example", step.getNotifyUser());
    assertTrue(step.getExecutableIsJobFile());
    assertEquals("(OpSys == \"Linux\")", step.getRequirements());
    assertEquals(List.of(), parsed.warnings());
  }

  @Test
  void mpiParallel_layoutNetworkAndLimits() throws Exception {
    StepSpec step = parse("mpi-parallel.cmd").job().getSteps(0);
    assertEquals(JobType.JOB_TYPE_PARALLEL, step.getJobType());
    assertEquals(8, step.getNode().getMin());
    assertEquals(8, step.getNode().getMax());
    assertEquals(32, step.getTasksPerNode());
    assertEquals(NodeUsage.NODE_USAGE_NOT_SHARED, step.getNodeUsage());
    var network = step.getNetworks(0);
    assertEquals(List.of("MPI", "sn_all", "not_shared", "US"),
        List.of(network.getProtocol(), network.getNetworkType(), network.getUsage(), network.getMode()));
    assertEquals(43200, step.getLimits().getWallClockLimit().getHard().getAmount());
    assertEquals(42900, step.getLimits().getWallClockLimit().getSoft().getAmount());
    assertEquals("ConsumableCpus(1) ConsumableMemory(1024)", resources(step));
    assertEquals("core", step.getTaskAffinity().getUnit());
    assertEquals("/scratch/alice/run42", step.getInitialdir());
    assertEquals("/scratch/alice/run42/job.$(jobid).out", step.getOutput());
    assertEquals(List.of("NEXTSTEP", "PATH"), step.getEnvironmentList().stream().map(v -> v.getName()).toList());
  }

  @Test
  void multistep_dependenciesAndInheritance() throws Exception {
    ParsedJob parsed = parse("multistep-dependency.cmd");
    List<StepSpec> steps = parsed.job().getStepsList();
    assertEquals(List.of("prep", "run", "clean"), steps.stream().map(StepSpec::getStepName).toList());
    assertEquals(List.of("short", "long", "long"), steps.stream().map(StepSpec::getJobClass).toList());
    assertEquals(List.of("", "(prep == 0)", "(run == 0 || run != 0) && prep != CC_NOTRUN"),
        steps.stream().map(StepSpec::getDependency).toList());
    assertEquals(List.of(0, 1, 0), steps.stream().map(StepSpec::getNetworksCount).toList());
    assertEquals(List.of(0, 64, 0), steps.stream().map(StepSpec::getTotalTasks).toList());
    assertFalse(steps.get(2).hasNode());
    assertEquals("/home/alice/work/ocean.$(jobid).$(stepid).out", steps.get(2).getError());
    assertEquals(List.of(), parsed.warnings());
  }

  @Test
  void climateRunScript_shellScriptWithHeadersAndContinuedEnvironment() throws Exception {
    ParsedJob parsed = parse("climate-run.sh");
    StepSpec step = parsed.job().getSteps(0);
    assertEquals("wrf_alice", parsed.job().getJobName());
    assertEquals(Notification.NOTIFICATION_NEVER, step.getNotification());
    assertEquals(List.of("NEXTSTEP=wrf", "MP_INFOLEVEL=1", "MP_EAGER_LIMIT=64K", "OMP_NUM_THREADS=1"),
        step.getEnvironmentList().stream().map(v -> v.getName() + "=" + v.getValue()).toList());
    assertEquals(172800, step.getLimits().getWallClockLimit().getHard().getAmount());
    assertEquals(1, step.getParallelThreads());
    assertEquals(resource("climate-run.sh"), parsed.job().getJobFileContent().toStringUtf8());
  }

  @Test
  void blueGene_refusedWithEveryReason() {
    JobCommandFileException e = assertThrows(JobCommandFileException.class, () -> parse("bluegene.cmd"));
    assertEquals(List.of(
        "bluegene.cmd:2: job_type: openll has no Blue Gene support; a bluegene job cannot run here",
        "bluegene.cmd:3: bg_size: openll has no Blue Gene support",
        "bluegene.cmd:4: bg_connectivity: openll has no Blue Gene support"),
        e.problems().stream().map(Object::toString).toList());
  }

  @Test
  void quirks_everyLexicalQuirkAndValueForm() throws Exception {
    ParsedJob parsed = parse("quirks.cmd");
    StepSpec step = parsed.job().getSteps(0);
    assertEquals("quirks", parsed.job().getJobName());
    assertEquals("dev", step.getJobClass());
    assertEquals(300, step.getLimits().getWallClockLimit().getHard().getAmount());
    assertEquals(271, step.getLimits().getWallClockLimit().getSoft().getAmount());
    assertEquals(Notification.NOTIFICATION_NEVER, step.getNotification());
    assertEquals("alice@login1", step.getNotifyUser());
    assertEquals("ConsumableCpus(2) ConsumableMemory(2048)", resources(step));
    assertEquals(2, step.getCpus());
    assertEquals(300L << 20, step.getLimits().getDataLimit().getHard().getAmount());
    assertEquals(8388608, step.getLimits().getStackLimit().getSoft().getAmount());
    assertTrue(step.getLimits().getStackLimit().getHard().getUnlimited());
    assertTrue(step.getLimits().getCoreLimit().getHard().getUnlimited());
    assertEquals(4L << 20, step.getImageSizeKb());
    assertEquals(List.of("-n", "4", "two words", "--verbose"), step.getArgumentsList());
    assertEquals("issue#3 stays", step.getComment());
    assertEquals(step.getOutput(), step.getError());
    assertEquals(List.of("quirks.cmd:18: statements after the last queue statement are ignored"), parsed.warnings());
  }

  @Test
  void mpich_holdStartdateNodeRangeAndRequirements() throws Exception {
    StepSpec step = parse("mpich-hostfile.cmd").job().getSteps(0);
    assertEquals(JobType.JOB_TYPE_MPICH, step.getJobType());
    assertEquals(2, step.getNode().getMin());
    assertEquals(4, step.getNode().getMax());
    assertEquals(16, step.getTotalTasks());
    assertTrue(step.getBlocking().getUnlimited());
    assertEquals("ConsumableMemory", step.getNodeResources(0).getName());
    assertEquals(65536, step.getNodeResources(0).getAmount());
    assertEquals("((Arch == \"x86_64\") && (Feature == \"ib\")) && (OpSys == \"Linux\")", step.getRequirements());
    assertEquals(HoldType.HOLD_TYPE_USER, step.getHold());
    assertEquals(Instant.parse("2030-12-24T18:00:00Z").getEpochSecond(), step.getStartdate().getSeconds());
    assertTrue(step.getNoRestart());
    assertEquals("/usr/bin/mpirun", step.getExecutable());
    assertEquals("$LOADL_HOSTFILE", step.getArguments(3));
  }

  @Test
  void aixHints_acceptedWithWarningsAndOwnOpSysKept() throws Exception {
    ParsedJob parsed = parse("aix-hints.cmd");
    assertEquals("(OpSys == \"AIX53\")", parsed.job().getSteps(0).getRequirements());
    assertEquals(List.of(
        "aix-hints.cmd:6: rset: openll has no AIX resource sets; ignored",
        "aix-hints.cmd:7: mcm_affinity_options: openll has no AIX MCM affinity; ignored",
        "aix-hints.cmd:9: large_page: openll does not manage large pages; ignored"), parsed.warnings());
  }

  @Test
  void checkpointAndClusters_refusedAllAtOnce() {
    JobCommandFileException e = assertThrows(JobCommandFileException.class, () -> parse("checkpoint-refused.cmd"));
    assertEquals("checkpoint-refused.cmd:2: checkpoint: openll does not checkpoint; only checkpoint = no runs here\n"
        + "checkpoint-refused.cmd:4: cluster_list: openll has one cluster; use cluster_list = any or remove the keyword\n"
        + "checkpoint-refused.cmd:5: wall_clock_limit: \"2:0O:00\" is not a time (expected [[hh:]mm:]ss)",
        e.getMessage());
  }
}
