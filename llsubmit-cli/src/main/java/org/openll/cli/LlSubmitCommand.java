package org.openll.cli;

import com.beust.jcommander.Parameter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.SubmitJobRequest;
import org.openll.api.v1.SubmitJobResponse;
import org.openll.cli.format.StepsJson;
import org.openll.common.cluster.HostNames;
import org.openll.common.jcf.JobCommandFileException;
import org.openll.common.jcf.JobCommandFileParser;
import org.openll.common.jcf.JobCommandFileParser.ParsedJob;
import org.openll.common.jcf.SubmitContext;

/**
 * {@code llsubmit [--dry-run] [-q] FILE|-}: parses a job command file and submits it to the
 * schedd. A file with an error submits nothing. {@code --dry-run} prints the parsed job as JSON.
 */
public final class LlSubmitCommand implements Command {
  static final String NAME = "llsubmit";

  /** Parses a job command file; {@link JobCommandFileParser} in production. */
  @FunctionalInterface
  public interface JobParser {
    ParsedJob parse(String content, SubmitContext context) throws JobCommandFileException;
  }

  static final class Options {
    @Parameter(description = "FILE | - (the job command file; - reads standard input)")
    List<String> files = new ArrayList<>();

    @Parameter(names = "--dry-run", description = "parse and print the job as JSON; submit nothing")
    boolean dryRun;

    @Parameter(names = "-q", description = "quiet: do not print the job id")
    boolean quiet;
  }

  private final JobParser parser;

  public LlSubmitCommand(JobParser parser) {
    this.parser = parser;
  }

  public LlSubmitCommand() {
    this(new JobCommandFileParser()::parse);
  }

  @Override
  public int run(String[] args, CliContext context) throws CommandFailure, UsageException {
    Options options = new Options();
    Flags.parse(NAME, options, args);
    Flags.rejectUnknownFlags(NAME, options, options.files);
    if (options.files.size() != 1) {
      throw Flags.usageError(NAME, options, options.files.isEmpty()
          ? "no job command file given" : "one job command file at a time");
    }
    String fileName = options.files.get(0);
    String content = read(fileName, context);
    SubmitContext submit = new SubmitContext(fileName, context.cwd(), context.user(), context.userHome(),
        HostNames.shortName(), context.env());
    ParsedJob parsed;
    try {
      parsed = parser.parse(content, submit);
    } catch (JobCommandFileException e) {
      throw new CommandFailure(e.getMessage());
    }
    for (String warning : parsed.warnings()) {
      context.err().println(NAME + ": WARNING: " + warning);
    }
    JobSpec job = parsed.job();
    if (options.dryRun) {
      context.out().println(StepsJson.print(job));
      return 0;
    }
    SubmitJobResponse response;
    try (DaemonConnection schedd = DaemonConnection.open(context, "schedd")) {
      SubmitJobRequest request = SubmitJobRequest.newBuilder().setJob(job).setOwner(context.user()).build();
      response = schedd.call(channel -> schedd.withDeadline(ScheddGrpc.newBlockingStub(channel)).submitJob(request));
    }
    if (!options.quiet) {
      context.out().println(NAME + ": The job \"" + response.getJobId() + "\" has been submitted.");
    }
    return 0;
  }

  private static String read(String fileName, CliContext context) throws CommandFailure {
    try {
      if (fileName.equals("-")) {
        return new String(context.in().readAllBytes(), StandardCharsets.UTF_8);
      }
      Path path = context.cwd().resolve(fileName);
      if (Files.isDirectory(path)) {
        throw new CommandFailure("cannot read " + fileName + ": Is a directory");
      }
      return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CommandFailure("cannot read " + fileName + ": No such file or directory");
    } catch (AccessDeniedException e) {
      throw new CommandFailure("cannot read " + fileName + ": Permission denied");
    } catch (IOException e) {
      throw new CommandFailure("cannot read " + fileName + ": " + e.getMessage());
    }
  }
}
