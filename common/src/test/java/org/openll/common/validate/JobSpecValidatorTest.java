package org.openll.common.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.NodeCount;
import org.openll.api.v1.ResourceRequest;
import org.openll.api.v1.StepLimits;
import org.openll.api.v1.StepSpec;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;

class JobSpecValidatorTest {

  static StepSpec.Builder step(String name) {
    return StepSpec.newBuilder().setStepName(name).setExecutable("/bin/true").setInput("/dev/null")
        .setOutput("/tmp/out").setError("/tmp/err").setInitialdir("/tmp").setJobClass("No_Class")
        .setCpus(1).setUserPriority(50);
  }

  static JobSpec job(StepSpec.Builder... steps) {
    JobSpec.Builder b = JobSpec.newBuilder().setJobFileName("/tmp/job.cmd").setSubmitHost("client").setSubmitDir("/tmp");
    for (StepSpec.Builder s : steps) {
      b.addSteps(s);
    }
    return b.build();
  }

  static String firstProblem(JobSpec job) {
    List<String> problems = JobSpecValidator.problems(job);
    assertTrue(!problems.isEmpty(), "expected a problem");
    return problems.get(0);
  }

  static LimitValue amount(long a) {
    return LimitValue.newBuilder().setAmount(a).build();
  }

  @Test
  void validate_completeJob_noProblems() {
    StepSpec.Builder full = step("b")
        .setLimits(StepLimits.newBuilder().setWallClockLimit(Limit.newBuilder().setHard(amount(60)).setSoft(amount(50))))
        .addResources(ResourceRequest.newBuilder().setName("ConsumableMemory").setAmount(100))
        .setNode(NodeCount.newBuilder().setMin(1).setMax(2))
        .setDependency("a == 0 || a == CC_REMOVED")
        .setStartdate(Timestamp.newBuilder().setSeconds(1_800_000_000L));
    assertEquals(List.of(), JobSpecValidator.problems(job(step("a"), full)));
  }

  @Test
  void validate_noSteps_invalidArgument() {
    OpenllException e = assertThrows(OpenllException.class, () -> JobSpecValidator.validate(job()));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals("job.steps: at least one step is required", e.getMessage());
  }

  @Test
  void validate_relativeOutput_namesStepAndField() {
    assertEquals("steps[1] (b).output: must be an absolute path, got out.txt",
        firstProblem(job(step("a"), step("b").setOutput("out.txt"))));
  }

  @Test
  void validate_unknownEnum_namesField() {
    assertEquals("steps[0] (a).job_type: unknown value 42", firstProblem(job(step("a").setJobTypeValue(42))));
    assertEquals("steps[0] (a).hold: unknown value 9", firstProblem(job(step("a").setHoldValue(9))));
  }

  @Test
  void validate_nulInString_namesField() {
    assertEquals("steps[0] (a).arguments[1]: contains a NUL character",
        firstProblem(job(step("a").addArguments("x").addArguments("y\0z"))));
  }

  @Test
  void validate_hugeString_refused() {
    assertEquals("steps[0] (a).comment: longer than 65536 characters (70000)",
        firstProblem(job(step("a").setComment("x".repeat(70_000)))));
  }

  @Test
  void validate_tooManySteps_refused() {
    JobSpec.Builder b = job().toBuilder();
    for (int i = 0; i <= JobSpecValidator.MAX_STEPS; i++) {
      b.addSteps(step("s" + i));
    }
    assertEquals("job.steps: at most 10000 steps per job, got 10001", firstProblem(b.build()));
  }

  @Test
  void validate_hugeJobFile_refused() {
    JobSpec big = job(step("a")).toBuilder().setJobFileContent(ByteString.copyFrom(new byte[(1 << 20) + 1])).build();
    assertEquals("job.job_file_content: at most 1048576 bytes, got 1048577", firstProblem(big));
  }

  @Test
  void validate_ranges_refused() {
    assertEquals("steps[0] (a).cpus: must be at least 1, got 0", firstProblem(job(step("a").setCpus(0))));
    assertEquals("steps[0] (a).user_priority: must be 0..100, got 101", firstProblem(job(step("a").setUserPriority(101))));
    assertEquals("steps[0] (a).total_tasks: must not be negative, got -1", firstProblem(job(step("a").setTotalTasks(-1))));
    assertEquals("steps[0] (a).node.max: must be at least node.min (3), got 2",
        firstProblem(job(step("a").setNode(NodeCount.newBuilder().setMin(3).setMax(2)))));
    assertEquals("steps[0] (a).resources[0].name: is empty",
        firstProblem(job(step("a").addResources(ResourceRequest.newBuilder().setAmount(1)))));
    assertEquals("steps[0] (a).resources[0].amount: must not be negative, got -5",
        firstProblem(job(step("a").addResources(ResourceRequest.newBuilder().setName("X").setAmount(-5)))));
  }

  @Test
  void validate_softAboveHard_refused() {
    StepLimits limits = StepLimits.newBuilder()
        .setRssLimit(Limit.newBuilder().setHard(amount(100)).setSoft(amount(200))).build();
    assertEquals("steps[0] (a).limits.rss_limit: the soft limit must not exceed the hard limit (200 > 100)",
        firstProblem(job(step("a").setLimits(limits))));
    StepLimits negative = StepLimits.newBuilder().setCpuLimit(Limit.newBuilder().setHard(amount(-1))).build();
    assertEquals("steps[0] (a).limits.cpu_limit.hard: must not be negative, got -1",
        firstProblem(job(step("a").setLimits(negative))));
  }

  @Test
  void validate_dependency_mustParseAndNameEarlierSteps() {
    assertEquals("steps[1] (b).dependency: \"c\" is not the name of an earlier step of this job",
        firstProblem(job(step("a"), step("b").setDependency("c == 0"), step("c"))));
    assertEquals("steps[1] (b).dependency: a step cannot depend on itself",
        firstProblem(job(step("a"), step("b").setDependency("b == 0"))));
    assertTrue(firstProblem(job(step("a"), step("b").setDependency("(a == 0"))).startsWith("steps[1] (b).dependency: missing"));
  }

  @Test
  void validate_badStartdate_refused() {
    assertEquals("steps[0] (a).startdate: not a valid time (seconds 1, nanos -1)",
        firstProblem(job(step("a").setStartdate(Timestamp.newBuilder().setSeconds(1).setNanos(-1)))));
  }

  @Test
  void validate_manyProblems_firstOneAndCountInMessage() {
    OpenllException e = assertThrows(OpenllException.class,
        () -> JobSpecValidator.validate(job(step("a").setCpus(0).setUserPriority(-1))));
    assertEquals("steps[0] (a).cpus: must be at least 1, got 0 (and 1 more problem(s))", e.getMessage());
  }
}
