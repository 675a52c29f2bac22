package org.openll.cli;

import com.beust.jcommander.Parameter;
import java.io.IOException;
import java.io.InputStream;
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
import org.openll.common.jcf.JobCommandFileException.Problem;
import org.openll.common.jcf.JobCommandFileParser;
import org.openll.common.jcf.JobCommandFileParser.ParsedJob;
import org.openll.common.jcf.SubmitContext;
import org.openll.common.jcf.SubmitLimits;
import org.openll.common.validate.JobSpecValidator;

/**
 * {@code llsubmit [--dry-run] [-q] FILE|-}: parses a job command file and submits it to the
 * schedd. A file with an error submits nothing and every problem is printed, one
 * {@code llsubmit: FILE:LINE: keyword: message} line each (exit 1). {@code --dry-run} prints the
 * parsed job as JSON, for a file or for standard input ({@code -}).
 */
public final class LlSubmitCommand implements Command {
  static final String NAME = "llsubmit";

  /** Parses a job command file; {@link JobCommandFileParser} in production. */
  @FunctionalInterface
  public interface JobParser {
    ParsedJob parse(String content, SubmitContext context) throws JobCommandFileException;
  }

  static final class Options implements SimpleFlags.Simple {
    @Parameter(description = "FILE | - (the job command file; - reads standard input)")
    List<String> files = new ArrayList<>();

    @Parameter(names = "--dry-run", description = "parse and print the job as JSON; submit nothing")
    boolean dryRun;

    @Parameter(names = "-q", description = "quiet: do not print the job id")
    boolean quiet;

    @Override
    public Runnable flag(String flag) {
      return switch (flag) {
        case "--dry-run" -> () -> dryRun = true;
        case "-q" -> () -> quiet = true;
        default -> null;
      };
    }

    @Override
    public List<String> positional() {
      return files;
    }
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
    String fullName = HostNames.fullName();
    String shortName = HostNames.shorten(fullName);
    String domain = fullName.length() > shortName.length() ? fullName.substring(shortName.length() + 1) : "";
    SubmitContext submit = new SubmitContext(fileName, context.cwd(), context.user(), context.userHome(),
        shortName, context.env(), domain, context.clock(), SubmitLimits.ofThisProcess());
    ParsedJob parsed;
    try {
      parsed = parser.parse(content, submit);
    } catch (JobCommandFileException e) {
      List<Problem> problems = e.problems();
      for (int i = 0; i < problems.size() - 1; i++) {
        context.err().println(NAME + ": " + problems.get(i));
      }
      throw new CommandFailure(problems.get(problems.size() - 1).toString());
    }
    for (String warning : parsed.warnings()) {
      context.err().println(NAME + ": WARNING: " + warning);
    }
    JobSpec job = parsed.job();
    if (options.dryRun) {
      // the schedd's own checks, so that a dry run accepts exactly what a submit would
      List<String> refused = JobSpecValidator.problems(job);
      if (!refused.isEmpty()) {
        refused.forEach(problem -> context.err().println(NAME + ": " + fileName + ": " + problem));
        return 1;
      }
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

  /** The file's text; refuses more than {@link JobCommandFileParser#MAX_FILE_CHARS} bytes without reading them all. */
  private static String read(String fileName, CliContext context) throws CommandFailure {
    try {
      byte[] bytes;
      if (fileName.equals("-")) {
        bytes = context.in().readNBytes(JobCommandFileParser.MAX_FILE_CHARS + 1);
      } else {
        Path path = context.cwd().resolve(fileName);
        if (Files.isDirectory(path)) {
          throw new CommandFailure("cannot read " + fileName + ": Is a directory");
        }
        try (InputStream in = Files.newInputStream(path)) {
          bytes = in.readNBytes(JobCommandFileParser.MAX_FILE_CHARS + 1);
        }
      }
      if (bytes.length > JobCommandFileParser.MAX_FILE_CHARS) {
        throw new CommandFailure(fileName + ":0: the file is larger than " + JobCommandFileParser.MAX_FILE_CHARS
            + " bytes; a job command file is not that large");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CommandFailure("cannot read " + fileName + ": No such file or directory");
    } catch (AccessDeniedException e) {
      throw new CommandFailure("cannot read " + fileName + ": Permission denied");
    } catch (IOException e) {
      throw new CommandFailure("cannot read " + fileName + ": " + e.getMessage());
    }
  }
}
