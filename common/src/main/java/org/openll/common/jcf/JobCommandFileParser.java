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
 * it except job_name, step_name, dependency, bg_connection, bg_shape and network.*. Hints for
 * features openll lacks are accepted with one warning each; features whose absence would make a
 * step run wrongly, and keywords LoadLeveler does not know, are errors. Statements after the last
 * {@code queue} are ignored with a warning. Every problem of the file is reported at once.
 *
 * <p>Bounded: a file longer than {@link #MAX_FILE_CHARS} or a statement longer than
 * {@link JobCommandFileLexer#MAX_STATEMENT_CHARS} is refused, and no recursion depends on the
 * input's size. Stateless and thread-safe.
 */
public final class JobCommandFileParser {
  /** The largest job command file accepted, in characters. */
  public static final int MAX_FILE_CHARS = 4 * 1024 * 1024;

  /**
   * Parses {@code content}. $(jobid), $(cluster), $(stepid), $(process), $(job_name),
   * $(schedd_host) and $(schedd_hostname) stay unexpanded: only the schedd knows them (see
   * {@link JobIdVariables}).
   *
   * @throws JobCommandFileException with every problem found, each FILE:LINE: keyword: message
   */
  public ParsedJob parse(String content, SubmitContext context) throws JobCommandFileException {
    String file = context.fileName();
    if (content.length() > MAX_FILE_CHARS) {
      throw new JobCommandFileException(file, 0, "the file is longer than " + MAX_FILE_CHARS
          + " characters; a job command file is not that large");
    }
    Problems problems = new Problems(file);
    Set<String> warnings = new LinkedHashSet<>();
    StepBuilder builder = new StepBuilder(context, warnings::add, problems);
    List<Statement> statements = new JobCommandFileLexer().lex(content);
    int lastQueue = lastQueueIndex(statements);

    List<StepSpec> steps = new ArrayList<>();
    Set<String> stepNames = new LinkedHashSet<>();
    Map<String, Statement> current = new LinkedHashMap<>();
    Set<String> warnedKeywords = new HashSet<>();
    String jobName = "";
    boolean warnedAfterLastQueue = false;
    for (int i = 0; i < statements.size(); i++) {
      Statement statement = statements.get(i);
      if (statement.problem() != null) {
        problems.add(statement.line(), statement.keyword(), statement.problem());
        continue;
      }
      String keyword = statement.keyword();
      Keywords.Kind kind = Keywords.kind(keyword);
      if (kind == Keywords.Kind.UNKNOWN) {
        problems.add(statement.line(), keyword, "not a LoadLeveler keyword");
        continue;
      }
      if (kind == Keywords.Kind.QUEUE) {
        if (statement.hasEquals() || !statement.rest().isEmpty()) {
          problems.add(statement.line(), keyword, "takes no value");
        }
        if (steps.isEmpty()) {
          jobName = builder.jobName(current);
        }
        StepSpec step = builder.build(current, steps.size(), statement.line(), Set.copyOf(stepNames));
        if (!stepNames.add(step.getStepName())) {
          Statement name = current.get("step_name");
          problems.add(name == null ? statement.line() : name.line(), "step_name",
              "two steps are named " + step.getStepName());
        }
        steps.add(step);
        current = inherited(current);
        continue;
      }
      if (!statement.hasEquals()) {
        problems.add(statement.line(), keyword, "missing \"=\" after the keyword");
        continue;
      }
      if (i > lastQueue) {
        if (!warnedAfterLastQueue) {
          warnings.add(file + ":" + statement.line() + ": statements after the last queue statement are ignored");
          warnedAfterLastQueue = true;
        }
        continue;
      }
      if (kind == Keywords.Kind.REFUSED) {
        problems.add(statement.line(), keyword, Keywords.reason(keyword));
        continue;
      }
      if (kind == Keywords.Kind.IGNORED) {
        if (warnedKeywords.add(keyword)) {
          warnings.add(file + ":" + statement.line() + ": " + keyword + ": " + Keywords.reason(keyword) + "; ignored");
        }
        continue;
      }
      if (keyword.equals("job_name") && !steps.isEmpty()) {
        warnings.add(file + ":" + statement.line() + ": job_name: only honoured in the first step; ignored");
        continue;
      }
      builder.checkAlone(statement);
      current.put(keyword, statement);
    }
    if (steps.isEmpty()) {
      problems.add(0, "", "no queue statement");
    }
    problems.throwIfAny();

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
  public record ParsedJob(JobSpec job, List<String> warnings) {}
}
