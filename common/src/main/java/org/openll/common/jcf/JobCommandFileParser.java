package org.openll.common.jcf;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.StepSpec;

/**
 * Parses a LoadLeveler job command file into the JobSpec llsubmit sends to the schedd.
 *
 * <p>Every {@code queue} statement ends one step; a step inherits every keyword of the step before
 * it except job_name, step_name, dependency, bg_connection, bg_shape and network.*. Keywords
 * openll does not support yet are accepted with one warning each; a keyword LoadLeveler does not
 * know is an error. Statements after the last {@code queue} are ignored with a warning. Stateless
 * and thread-safe.
 */
public final class JobCommandFileParser {
  /**
   * Parses {@code content}. $(jobid), $(cluster), $(stepid), $(process), $(job_name) and
   * $(schedd_host) stay unexpanded: only the schedd knows them (see {@link JobIdVariables}).
   *
   * @throws JobCommandFileException with FILE:LINE: message for the first problem found
   */
  public ParsedJob parse(String content, SubmitContext context) throws JobCommandFileException {
    String file = context.fileName();
    Set<String> warnings = new LinkedHashSet<>();
    StepBuilder builder = new StepBuilder(context, warnings::add);
    List<Statement> statements = new JobCommandFileLexer().lex(content);
    int lastQueue = lastQueueIndex(statements);

    List<StepSpec> steps = new ArrayList<>();
    Map<String, Statement> current = new LinkedHashMap<>();
    Set<String> warnedKeywords = new HashSet<>();
    String jobName = "";
    boolean warnedAfterLastQueue = false;
    for (int i = 0; i < statements.size(); i++) {
      Statement statement = statements.get(i);
      if (statement.problem() != null) {
        throw new JobCommandFileException(file, statement.line(), statement.problem());
      }
      String keyword = statement.keyword();
      Keywords.Kind kind = Keywords.kind(keyword);
      if (kind == Keywords.Kind.UNKNOWN) {
        throw new JobCommandFileException(file, statement.line(), "unknown keyword \"" + keyword + "\"");
      }
      if (kind == Keywords.Kind.QUEUE) {
        if (statement.hasEquals() || !statement.rest().isEmpty()) {
          throw new JobCommandFileException(file, statement.line(), "\"queue\" takes no value");
        }
        if (steps.isEmpty()) {
          jobName = builder.jobName(current);
        }
        steps.add(builder.build(current, steps.size(), statement.line()));
        current = inherited(current);
        continue;
      }
      if (!statement.hasEquals()) {
        throw new JobCommandFileException(file, statement.line(), "missing \"=\" after keyword \"" + keyword + "\"");
      }
      if (i > lastQueue) {
        if (!warnedAfterLastQueue) {
          warnings.add(file + ":" + statement.line() + ": statements after the last queue statement are ignored");
          warnedAfterLastQueue = true;
        }
        continue;
      }
      if (kind == Keywords.Kind.NOT_SUPPORTED_YET && warnedKeywords.add(keyword)) {
        warnings.add(file + ":" + statement.line() + ": keyword " + keyword + " is not supported yet; ignored");
      }
      if (keyword.equals("job_name") && !steps.isEmpty()) {
        warnings.add(file + ":" + statement.line() + ": job_name is only honoured in the first step; ignored");
        continue;
      }
      builder.checkAlone(statement);
      current.put(keyword, statement);
    }
    if (steps.isEmpty()) {
      throw new JobCommandFileException(file, 0, "no queue statement");
    }

    JobSpec.Builder job = JobSpec.newBuilder()
        .setJobName(jobName)
        .addAllSteps(steps)
        .setJobFileName(file)
        .setSubmitHost(context.submitHost())
        .setSubmitDir(context.submitDir().toString());
    if (steps.stream().anyMatch(StepSpec::getExecutableIsJobFile)) {
      job.setJobFileContent(ByteString.copyFrom(content, StandardCharsets.UTF_8));
    }
    return new ParsedJob(job.build(), List.copyOf(warnings));
  }

  private static int lastQueueIndex(List<Statement> statements) {
    for (int i = statements.size() - 1; i >= 0; i--) {
      if (statements.get(i).keyword().equals("queue")) {
        return i;
      }
    }
    return Integer.MAX_VALUE; // no queue: nothing is "after" it; reported as an error at the end
  }

  private static Map<String, Statement> inherited(Map<String, Statement> step) {
    Map<String, Statement> next = new LinkedHashMap<>();
    step.forEach((keyword, statement) -> {
      if (Keywords.isInherited(keyword)) {
        next.put(keyword, statement);
      }
    });
    return next;
  }

  /** The result: the job as the schedd receives it, and warnings llsubmit prints to stderr. */
  public record ParsedJob(JobSpec job, java.util.List<String> warnings) {}
}
