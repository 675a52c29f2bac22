package org.openll.common.jcf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.JobType;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.StepSpec;

/** The value syntax of issue point 5: times, sizes, limits, resources, layout and dates. */
class JobCommandFileValuesTest {
  private static final String PROC_LIMITS = String.join("\n",
      "Limit                     Soft Limit           Hard Limit           Units     ",
      "Max cpu time              600                  unlimited            seconds   ",
      "Max stack size            8388608              unlimited            bytes     ",
      "Max core file size        0                    unlimited            bytes     ");

  private static SubmitContext context() {
    return new SubmitContext("job.cmd", Path.of("/home/alice/work"), "alice", "/home/alice", "node1", Map.of(),
        "example.org", Clock.fixed(Instant.EPOCH, ZoneId.of("Europe/Berlin")), SubmitLimits.parse(PROC_LIMITS));
  }

  private static StepSpec step(String... lines) throws JobCommandFileException {
    String[] all = java.util.Arrays.copyOf(lines, lines.length + 1);
    all[lines.length] = "# @ queue";
    return new JobCommandFileParser().parse(Jcf.file(all), context()).job().getSteps(0);
  }

  private static LimitValue amount(long amount) {
    return LimitValue.newBuilder().setAmount(amount).build();
  }

  private static final LimitValue UNLIMITED = LimitValue.newBuilder().setUnlimited(true).build();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "30|30", "1:30|90", "1:00:00|3600", "72:00:00|259200", "00:20:00|1200", "0:0:1.5|2", "10.4|10", "660|660"})
  void seconds_validTimes_converted(String text, long seconds) throws Exception {
    assertEquals(seconds, Units.seconds(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "100|100", "1b|1", "1w|4", "2kb|2048", "1 KW|4096", "300Mb|314572800", "2 GB|2147483648", "1.5gb|1610612736",
      "1tb|1099511627776", "1tw|4398046511104", "1pb|1125899906842624", "1eb|1152921504606846976", "1pw|4503599627370496"})
  void bytes_sizesWithUnits_converted(String text, long bytes) throws Exception {
    assertEquals(bytes, Units.bytes(text, 1));
  }

  @Test
  void bytes_overflowOrBadUnit_refused() {
    assertThrows(BadValueException.class, () -> Units.bytes("8ew", 1));
    assertThrows(BadValueException.class, () -> Units.bytes("12 xb", 1));
    assertThrows(BadValueException.class, () -> Units.seconds("99999999999999:00:00"));
  }

  @Test
  void limits_hardSoftUnlimitedAndCopy_typed() throws Exception {
    StepSpec step = step(
        "# @ wall_clock_limit = 1:00:00,50:00",
        "# @ job_cpu_limit = rlim_infinity",
        "# @ cpu_limit = copy,copy",
        "# @ core_limit = copy",
        "# @ data_limit = 2 GB, 1gb",
        "# @ file_limit = 4096",
        "# @ rss_limit = unlimited,300Mb",
        "# @ stack_limit = 1mw",
        "# @ As_Limit = 7.764 gb");
    var limits = step.getLimits();
    assertEquals(Limit.newBuilder().setHard(amount(3600)).setSoft(amount(3000)).build(), limits.getWallClockLimit());
    assertEquals(Limit.newBuilder().setHard(UNLIMITED).build(), limits.getJobCpuLimit());
    assertEquals(Limit.newBuilder().setHard(UNLIMITED).setSoft(amount(600)).build(), limits.getCpuLimit());
    assertEquals(Limit.newBuilder().setHard(UNLIMITED).build(), limits.getCoreLimit());
    assertEquals(Limit.newBuilder().setHard(amount(2L << 30)).setSoft(amount(1L << 30)).build(), limits.getDataLimit());
    assertEquals(amount(4096), limits.getFileLimit().getHard());
    assertEquals(Limit.newBuilder().setHard(UNLIMITED).setSoft(amount(300L << 20)).build(), limits.getRssLimit());
    assertEquals(amount(4L << 20), limits.getStackLimit().getHard());
    assertEquals(amount(8336531522L), limits.getAsLimit().getHard());
  }

  @Test
  void limits_softAboveHard_loweredWithWarning() throws Exception {
    var parsed = new JobCommandFileParser().parse(Jcf.file("# @ wall_clock_limit = 10:00,20:00", "# @ queue"), context());
    assertEquals(amount(600), parsed.job().getSteps(0).getLimits().getWallClockLimit().getSoft());
    assertEquals(List.of("job.cmd:1: wall_clock_limit: soft limit 20:00 is above the hard limit 10:00; lowered to it"),
        parsed.warnings());
  }

  @Test
  void resources_memoryInMegabytesRoundedUpAndCountsOtherwise() throws Exception {
    StepSpec step = step(
        "# @ resources = ConsumableCPUS(2)ConsumableMemory(1500 kb) consumablevirtualmemory(220000) FRMlicense(0)",
        "# @ node_resources = ConsumableMemory(1gb)");
    assertEquals(List.of("ConsumableCpus=2", "ConsumableMemory=2", "ConsumableVirtualMemory=220000", "FRMlicense=0"),
        step.getResourcesList().stream().map(r -> r.getName() + "=" + r.getAmount()).toList());
    assertEquals(2, step.getCpus());
    assertEquals(1024, step.getNodeResources(0).getAmount());
  }

  @Test
  void parallelKeywords_typed() throws Exception {
    StepSpec step = step(
        "# @ job_type = MPICH",
        "# @ node = 2,4",
        "# @ tasks_per_node = 16",
        "# @ blocking = unlimited",
        "# @ node_usage = not_shared",
        "# @ network.MPI_LAPI = sn_single,shared,US,,instances=2",
        "# @ network.LAPI = sn_all,not_shared,us,HIGH",
        "# @ task_affinity = Core(2)",
        "# @ parallel_threads = 8",
        "# @ max_processors = 32",
        "# @ min_processors = 4");
    assertEquals(JobType.JOB_TYPE_MPICH, step.getJobType());
    assertEquals(2, step.getNode().getMin());
    assertEquals(4, step.getNode().getMax());
    assertEquals(16, step.getTasksPerNode());
    assertTrue(step.getBlocking().getUnlimited());
    assertEquals("MPI_LAPI sn_single shared US  2", network(step, 0));
    assertEquals("LAPI sn_all not_shared US HIGH 0", network(step, 1));
    assertEquals("core", step.getTaskAffinity().getUnit());
    assertEquals(2, step.getTaskAffinity().getCount());
    assertEquals(8, step.getParallelThreads());
    assertEquals(32, step.getMaxProcessors());
    assertEquals(4, step.getMinProcessors());
  }

  private static String network(StepSpec step, int i) {
    var n = step.getNetworks(i);
    return String.join(" ", n.getProtocol(), n.getNetworkType(), n.getUsage(), n.getMode(), n.getCommLevel(),
        Integer.toString(n.getInstances()));
  }

  @Test
  void scheduleKeywords_typed() throws Exception {
    StepSpec step = step(
        "# @ hold = UserSys",
        "# @ startdate = 07/14/2025 09:30",
        "# @ restart = no",
        "# @ image_size = 2 mb",
        "# @ env_copy = master",
        "# @ group = chem",
        "# @ account_no = 42-ab",
        "# @ comment = run $(step_name) of $(user)",
        "# @ notification = never ##always",
        "# @ notify_user = ",
        "# @ checkpoint = no",
        "# @ cluster_list = any");
    assertEquals(HoldType.HOLD_TYPE_USERSYS, step.getHold());
    assertEquals(Instant.parse("2025-07-14T07:30:00Z").getEpochSecond(), step.getStartdate().getSeconds());
    assertTrue(step.getNoRestart());
    assertEquals(2048, step.getImageSizeKb());
    assertEquals("chem", step.getGroup());
    assertEquals("42-ab", step.getAccountNo());
    assertEquals("run 0 of alice", step.getComment());
    assertEquals("alice@node1", step.getNotifyUser());
  }

  @Test
  void variables_domainCommentAndScheddHostname() throws Exception {
    StepSpec step = step(
        "# @ comment = nightly",
        "# @ output = $(host).$(domain).$(comment).$(schedd_hostname).$(jobid)");
    assertEquals("/home/alice/work/node1.example.org.nightly.$(schedd_hostname).$(jobid)", step.getOutput());
    assertEquals("/home/alice/work/node1.example.org.nightly.sched.7",
        JobIdVariables.expand(step, "sched", 7, 0, "j").getOutput());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|(OpSys == \"Linux\")",
      "(Arch == \"x86_64\")|((Arch == \"x86_64\")) && (OpSys == \"Linux\")",
      "(opsys == \"AIX53\")|(opsys == \"AIX53\")",
      "(Feature == \"OpSystem\")|((Feature == \"OpSystem\")) && (OpSys == \"Linux\")"})
  void withOpSys_addedOnlyWhenNotMentioned(String requirements, String expected) {
    assertEquals(expected, StepBuilder.withOpSys(requirements));
  }
}
