package org.openll.common.jcf;

import org.openll.common.expr.Requirements;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.openll.api.v1.EnvCopy;
import org.openll.api.v1.JobType;
import org.openll.api.v1.NodeUsage;
import org.openll.api.v1.Notification;
import org.openll.api.v1.StepSpec;

/**
 * Turns the keywords in force at one {@code queue} statement into a {@link StepSpec}: expands
 * variables, applies the defaults, reads every keyword into its typed field and adds llsubmit's
 * implicit requirement. Problems go to the {@link Problems} given, warnings to the sink given,
 * both already with their line; a step with problems is still built, so that every problem of
 * the file is found.
 */
final class StepBuilder {
  static final String DEV_NULL = "/dev/null";
  static final int DEFAULT_USER_PRIORITY = 50;
  /** What startds advertise as OpSys; LoadLeveler requires the submitting machine's. */
  static final String OPSYS = "Linux";

  private final SubmitContext context;
  private final Consumer<String> warnings;
  private final Problems problems;
  private final KeywordReader reader;

  StepBuilder(SubmitContext context, Consumer<String> warnings, Problems problems) {
    this.context = context;
    this.warnings = warnings;
    this.problems = problems;
    this.reader = new KeywordReader(context);
  }

  /**
   * Checks one statement on its own, so that a bad value that a later statement overrides is
   * still reported. A value with {@code $(} is checked once expanded, when its step is built.
   */
  void checkAlone(Statement statement) {
    if (statement.value().contains("$(") || statement.keyword().equals("dependency")) {
      return;
    }
    try {
      reader.read(statement.keyword(), statement.value(), StepSpec.newBuilder(), "/", null, ignored -> {});
    } catch (BadValueException e) {
      problems.add(statement.line(), statement.keyword(), e.getMessage());
    }
  }

  /**
   * Builds step number {@code index} from the keywords in force at its queue statement.
   *
   * @param keywords the step's keywords (lower case), each with the statement that set it
   * @param earlierSteps the names of the steps before it, which its dependency may name
   */
  StepSpec build(Map<String, Statement> keywords, int index, int queueLine, Set<String> earlierSteps) {
    StepVariables variables = new StepVariables(context, keywords, Integer.toString(index));
    StepSpec.Builder step = defaults(queueLine);
    String initialdir = step.getInitialdir();
    try {
      initialdir = variables.initialdir();
    } catch (BadValueException e) {
      report(keywords.get("initialdir"), e);
    }
    step.setInitialdir(initialdir)
        .setInput(absoluteOrSelf(initialdir, DEV_NULL))
        .setOutput(absoluteOrSelf(initialdir, DEV_NULL))
        .setError(absoluteOrSelf(initialdir, DEV_NULL));
    try {
      step.setStepName(variables.stepName());
    } catch (BadValueException e) {
      report(keywords.get("step_name"), e);
    }
    List<Statement> inLineOrder = keywords.values().stream()
        .filter(s -> Keywords.kind(s.keyword()) == Keywords.Kind.SUPPORTED)
        // not Comparator.comparingInt: its lambda, the JDK's, is not in the commands' AOT cache (~2 ms)
        .sorted((a, b) -> Integer.compare(a.line(), b.line()))
        .toList();
    for (Statement statement : inLineOrder) {
      try {
        String value = variables.value(statement.keyword());
        reader.read(statement.keyword(), value, step, initialdir, earlierSteps, warnAt(statement));
      } catch (BadValueException e) {
        report(statement, e);
      }
    }
    checkTogether(keywords, step);
    step.setRequirements(withOpSys(step.getRequirements()));
    return step.build();
  }

  /** The expanded job_name of the first step, or "" when not given. */
  String jobName(Map<String, Statement> firstStep) {
    Statement jobName = firstStep.get("job_name");
    if (jobName == null) {
      return "";
    }
    try {
      return new StepVariables(context, firstStep, "0").value("job_name");
    } catch (BadValueException e) {
      report(jobName, e);
      return "";
    }
  }

  /**
   * {@code requirements} with LoadLeveler's implicit {@code (OpSys == "<submitter's OpSys>")} when
   * it does not mention OpSys; every startd advertises {@value #OPSYS}.
   */
  static String withOpSys(String requirements) {
    String opsys = "(OpSys == \"" + OPSYS + "\")";
    if (requirements.isBlank()) {
      return opsys;
    }
    if (Requirements.of(requirements).mentions("OpSys")) {
      return requirements;
    }
    return "(" + requirements.strip() + ") && " + opsys;
  }

  private StepSpec.Builder defaults(int queueLine) {
    return StepSpec.newBuilder()
        .setJobFileLine(queueLine)
        .setInitialdir(context.submitDir().toString())
        .setExecutableIsJobFile(true)
        .setJobClass("No_Class")
        .setGroup("No_Group")
        .setUserPriority(DEFAULT_USER_PRIORITY)
        .setCpus(1)
        .setNotification(Notification.NOTIFICATION_COMPLETE)
        .setNotifyUser(context.user() + "@" + context.submitHost())
        .setJobType(JobType.JOB_TYPE_SERIAL)
        .setNodeUsage(NodeUsage.NODE_USAGE_SHARED)
        .setEnvCopy(EnvCopy.ENV_COPY_ALL);
  }

  /** Rules between keywords, reported at the later of the two statements. */
  private void checkTogether(Map<String, Statement> keywords, StepSpec.Builder step) {
    if (step.getTasksPerNode() > 0 && step.getTotalTasks() > 0) {
      Statement later = later(keywords.get("tasks_per_node"), keywords.get("total_tasks"));
      problems.add(later.line(), later.keyword(), "tasks_per_node and total_tasks cannot be used together");
    }
    if (step.getMinProcessors() > 0 && step.getMaxProcessors() > 0 && step.getMinProcessors() > step.getMaxProcessors()) {
      Statement later = later(keywords.get("min_processors"), keywords.get("max_processors"));
      problems.add(later.line(), later.keyword(), "min_processors " + step.getMinProcessors()
          + " is above max_processors " + step.getMaxProcessors());
    }
  }

  private static Statement later(Statement a, Statement b) {
    return a.line() >= b.line() ? a : b;
  }

  private void report(Statement statement, BadValueException e) {
    problems.add(statement == null ? 0 : statement.line(), statement == null ? "" : statement.keyword(), e.getMessage());
  }

  /** {@code path} made absolute against {@code dir} and normalised; $(jobid) and the like survive as text. */
  static String absolute(String dir, String path) throws BadValueException {
    try {
      return Path.of(dir).resolve(path).normalize().toString();
    } catch (InvalidPathException e) {
      throw new BadValueException("bad path " + Units.quote(path) + ": " + e.getReason());
    }
  }

  private static String absoluteOrSelf(String dir, String path) {
    try {
      return absolute(dir, path);
    } catch (BadValueException e) {
      return path;
    }
  }

  private Consumer<String> warnAt(Statement statement) {
    return message -> warnings.accept(
        context.fileName() + ":" + statement.line() + ": " + statement.keyword() + ": " + message);
  }
}
