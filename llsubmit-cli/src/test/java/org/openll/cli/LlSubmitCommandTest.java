package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.SubmitJobResponse;
import org.openll.common.jcf.JobCommandFileException;
import org.openll.common.jcf.JobCommandFileParser;
import org.openll.common.jcf.JobCommandFileParser.ParsedJob;
import org.openll.common.jcf.SubmitContext;

class LlSubmitCommandTest {
  @TempDir Path home;
  private FakeSchedd schedd;
  private SubmitContext seen;

  /** A stand-in parser: "bad" in the file is an error at line 2, "warn" adds a warning. */
  private ParsedJob parse(String content, SubmitContext context) throws JobCommandFileException {
    seen = context;
    if (content.contains("bad")) {
      throw new JobCommandFileException(context.fileName(), 2, "unknown keyword: bad");
    }
    if (content.contains("worse")) {
      throw new JobCommandFileException(List.of(
          new JobCommandFileException.Problem(context.fileName(), 1, "foo: not a LoadLeveler keyword"),
          new JobCommandFileException.Problem(context.fileName(), 4, "node: \"x\" is not a positive integer")));
    }
    JobSpec job = JobSpec.newBuilder()
        .setJobName("j")
        .setJobFileName(context.fileName())
        .addSteps(StepSpec.newBuilder().setStepName("0").setExecutable("/bin/true").setInput("/dev/null")
            .setOutput("/dev/null").setError("/dev/null").setInitialdir("/tmp").setJobClass("No_Class").setCpus(1)
            .setUserPriority(50))
        .build();
    return new ParsedJob(job, content.contains("warn") ? List.of("job.cmd:1: ignored keyword: warn") : List.of());
  }

  @BeforeEach
  void start() throws Exception {
    schedd = new FakeSchedd(home);
    schedd.submitResponse = SubmitJobResponse.newBuilder().setJobId("meso-d.16247").addStepIds("meso-d.16247.0").build();
  }

  @AfterEach
  void stop() {
    schedd.close();
  }

  private int llsubmit(String input, String... args) {
    return schedd.runWith(new LlSubmitCommand(this::parse), input, args);
  }

  @Test
  void llsubmit_goodFile_submitsAndPrintsTheJobId() throws Exception {
    Files.writeString(home.resolve("job.cmd"), "# @ queue\n");

    int exit = llsubmit("", "job.cmd");

    assertEquals(0, exit, schedd.err());
    assertEquals("llsubmit: The job \"meso-d.16247\" has been submitted.\n", schedd.out());
    assertEquals("jdoe", schedd.submits.get(0).getOwner());
    assertEquals("job.cmd", schedd.submits.get(0).getJob().getJobFileName());
    assertEquals("job.cmd", seen.fileName());
    assertEquals(home, seen.submitDir());
    assertEquals("jdoe", seen.user());
  }

  @Test
  void llsubmit_standardInput_readsIt() {
    int exit = llsubmit("# @ queue\n", "-q", "-");

    assertEquals(0, exit, schedd.err());
    assertEquals("", schedd.out());
    assertEquals("-", seen.fileName());
    assertEquals(1, schedd.submits.size());
  }

  @Test
  void llsubmit_parseError_printsFileLineMessageAndSubmitsNothing() throws Exception {
    Files.writeString(home.resolve("job.cmd"), "bad\n");

    int exit = llsubmit("", "job.cmd");

    assertEquals(1, exit);
    assertEquals("llsubmit: job.cmd:2: unknown keyword: bad\n", schedd.err());
    assertTrue(schedd.submits.isEmpty());
  }

  @Test
  void llsubmit_severalProblems_printsEachOnItsOwnLine() throws Exception {
    Files.writeString(home.resolve("job.cmd"), "worse\n");

    int exit = llsubmit("", "job.cmd");

    assertEquals(1, exit);
    assertEquals("llsubmit: job.cmd:1: foo: not a LoadLeveler keyword\n"
        + "llsubmit: job.cmd:4: node: \"x\" is not a positive integer\n", schedd.err());
    assertTrue(schedd.submits.isEmpty());
  }

  @Test
  void llsubmit_dryRunStandardInput_printsTheJobAsJson() {
    int exit = llsubmit("# @ queue\n", "--dry-run", "-");

    assertEquals(0, exit, schedd.err());
    assertEquals("-", JsonParser.parseString(schedd.out()).getAsJsonObject().get("job_file_name").getAsString());
    assertTrue(schedd.submits.isEmpty());
  }

  @Test
  void llsubmit_hugeStandardInput_refusedWithoutParsing() {
    String huge = "#".repeat(JobCommandFileParser.MAX_FILE_CHARS + 1);

    int exit = llsubmit(huge, "-");

    assertEquals(1, exit);
    assertTrue(schedd.err().startsWith("llsubmit: -:0: the file is larger than"), schedd.err());
    assertEquals(null, seen);
  }

  @Test
  void llsubmit_realParser_dryRunShowsTypedFields() throws Exception {
    Files.writeString(home.resolve("job.cmd"), "# @ wall_clock_limit = 1:00:00,50:00\n# @ node = 2\n# @ queue\n");

    int exit = schedd.runWith(new LlSubmitCommand(), "", new String[] {"--dry-run", "job.cmd"});

    assertEquals(0, exit, schedd.err());
    var step = JsonParser.parseString(schedd.out()).getAsJsonObject().getAsJsonArray("steps").get(0).getAsJsonObject();
    assertEquals("3600", step.getAsJsonObject("limits").getAsJsonObject("wall_clock_limit")
        .getAsJsonObject("hard").get("amount").getAsString());
    assertEquals(2, step.getAsJsonObject("node").get("min").getAsInt());
    assertEquals("(OpSys == \"Linux\")", step.get("requirements").getAsString());
  }

  @Test
  void llsubmit_warnings_printedOnStandardError() throws Exception {
    Files.writeString(home.resolve("job.cmd"), "warn\n");

    assertEquals(0, llsubmit("", "job.cmd"));
    assertEquals("llsubmit: WARNING: job.cmd:1: ignored keyword: warn\n", schedd.err());
  }

  @Test
  void llsubmit_missingFile_saysSoAndExitsOne() {
    int exit = llsubmit("", "nope.cmd");

    assertEquals(1, exit);
    assertEquals("llsubmit: cannot read nope.cmd: No such file or directory\n", schedd.err());
    assertTrue(schedd.submits.isEmpty());
  }

  @Test
  void llsubmit_dryRun_printsTheJobAsJsonAndSubmitsNothing() throws Exception {
    Files.writeString(home.resolve("job.cmd"), "# @ queue\n");

    int exit = llsubmit("", "--dry-run", "job.cmd");

    assertEquals(0, exit, schedd.err());
    assertEquals("j", JsonParser.parseString(schedd.out()).getAsJsonObject().get("job_name").getAsString());
    assertTrue(schedd.submits.isEmpty());
  }

  @Test
  void llsubmit_dryRun_refusesWhatTheScheddWouldRefuse() throws Exception {
    Files.writeString(home.resolve("job.cmd"), "# @ queue\n");
    LlSubmitCommand command = new LlSubmitCommand((content, context) -> new ParsedJob(
        JobSpec.newBuilder().setJobFileName("job.cmd").addSteps(StepSpec.newBuilder().setStepName("0")).build(),
        List.of()));

    int exit = schedd.runWith(command, "", new String[] {"--dry-run", "job.cmd"});

    assertEquals(1, exit);
    assertTrue(schedd.err().startsWith("llsubmit: job.cmd: steps[0] (0)."), schedd.err());
    assertEquals("", schedd.out());
  }

  @Test
  void llsubmit_noFile_printsUsage() {
    assertEquals(1, llsubmit("", new String[0]));
    assertTrue(schedd.err().startsWith("llsubmit: no job command file given\nUsage: llsubmit"), schedd.err());
  }
}
