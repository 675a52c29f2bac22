package org.openll.common.jcf;

import org.openll.api.v1.JobSpec;

/**
 * Parses a LoadLeveler job command file into the JobSpec llsubmit sends to the schedd.
 * (API fixed; implementation in progress.)
 */
public final class JobCommandFileParser {
  /**
   * Parses {@code content}. $(jobid), $(cluster), $(stepid), $(process), $(job_name) and
   * $(schedd_host) stay unexpanded: only the schedd knows them (see {@link JobIdVariables}).
   *
   * @throws JobCommandFileException with FILE:LINE: message for the first problem found
   */
  public ParsedJob parse(String content, SubmitContext context) throws JobCommandFileException {
    throw new JobCommandFileException(context.fileName(), 0, "parser not written yet");
  }

  /** The result: the job as the schedd receives it, and warnings llsubmit prints to stderr. */
  public record ParsedJob(JobSpec job, java.util.List<String> warnings) {}
}
