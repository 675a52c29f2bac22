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
    JobSpec job = JobSpec.newBuilder()
        .setJobName("j")
        .setJobFileName(context.fileName())
        .addSteps(StepSpec.newBuilder().setStepName("0").setExecutable("/bin/true"))
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
  void llsubmit_noFile_printsUsage() {
    assertEquals(1, llsubmit("", new String[0]));
    assertTrue(schedd.err().startsWith("llsubmit: no job command file given\nUsage: llsubmit"), schedd.err());
  }
}
