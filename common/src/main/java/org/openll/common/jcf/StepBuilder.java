package org.openll.common.jcf;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import org.openll.api.v1.StepSpec;

/**
 * Turns the keywords in force at one {@code queue} statement into a {@link StepSpec}: expands
 * variables, applies the defaults and makes every path absolute. Warnings go to the sink given,
 * already prefixed with FILE:LINE.
 */
final class StepBuilder {
  static final String DEV_NULL = "/dev/null";
  static final int DEFAULT_USER_PRIORITY = 50;

  private final SubmitContext context;
  private final Consumer<String> warnings;

  StepBuilder(SubmitContext context, Consumer<String> warnings) {
    this.context = context;
    this.warnings = warnings;
  }

  /**
   * Checks what can be checked in one statement on its own, so that errors come out in line order;
   * a value with {@code $(} is checked once expanded, when its step is built.
   */
  void checkAlone(Statement statement) throws JobCommandFileException {
    if (statement.value().contains("$(")) {
      return;
    }
    try {
      check(statement.keyword(), statement.value());
    } catch (BadValueException e) {
      throw error(statement.line(), e.getMessage());
    }
  }

  private static void check(String keyword, String value) throws BadValueException {
    switch (keyword) {
      case "user_priority" -> {
        if (!value.isEmpty()) {
          userPriority(value);
        }
      }
      case "executable" -> {
        nonEmptyExecutable(value);
        absolute("/", value);
      }
      case "input", "output", "error", "initialdir" -> absolute("/", value);
      case "shell" -> shell(value);
      case "resources" -> ResourcesKeyword.cpus(value, ignored -> {});
      case "environment" -> EnvironmentKeyword.resolve(value, Map.of(), ignored -> {});
      default -> {}
    }
  }

  /**
   * Builds step number {@code index} from the keywords in force at its queue statement.
   *
   * @param keywords the step's keywords (lower case), each with the statement that set it
   */
  StepSpec build(Map<String, Statement> keywords, int index, int queueLine) throws JobCommandFileException {
    StepVariables variables = new StepVariables(context, keywords, Integer.toString(index));
    // Expand every used value in line order first, so the first bad variable is the one reported.
    Statement[] inLineOrder = keywords.values().stream()
        .filter(s -> Keywords.SUPPORTED.contains(s.keyword()) && !s.keyword().equals("job_name"))
        .sorted(Comparator.comparingInt(Statement::line))
        .toArray(Statement[]::new);
    for (Statement statement : inLineOrder) {
      at(statement, () -> {
        check(statement.keyword(), variables.value(statement.keyword()));
        return null;
      });
    }
    try {
      return fields(keywords, variables, queueLine);
    } catch (BadValueException e) {
      throw error(queueLine, e.getMessage()); // not reached: every value was expanded and checked above
    }
  }

  private StepSpec fields(Map<String, Statement> keywords, StepVariables variables, int queueLine)
      throws BadValueException, JobCommandFileException {
    StepSpec.Builder step = StepSpec.newBuilder().setJobFileLine(queueLine);
    String initialdir = variables.initialdir();
    step.setStepName(variables.stepName())
        .setInitialdir(initialdir)
        .setJobClass(variables.jobClass());

    String executable = variables.value("executable");
    if (executable == null) {
      step.setExecutableIsJobFile(true);
    } else {
      step.setExecutable(absolute(initialdir, executable));
    }
    String arguments = variables.value("arguments");
    if (arguments != null) {
      step.addAllArguments(ArgumentSplitter.split(arguments));
    }
    step.setInput(absolute(initialdir, variables.valueOr("input", DEV_NULL)))
        .setOutput(absolute(initialdir, variables.valueOr("output", DEV_NULL)))
        .setError(absolute(initialdir, variables.valueOr("error", DEV_NULL)));

    Statement environment = keywords.get("environment");
    if (environment != null) {
      String value = variables.value("environment");
      step.addAllEnvironment(at(environment, () -> EnvironmentKeyword.resolve(
          value, context.environment(), warnAt(environment.line()))));
    }
    step.setShell(variables.valueOr("shell", ""));
    String priority = variables.valueOr("user_priority", "");
    step.setUserPriority(priority.isEmpty() ? DEFAULT_USER_PRIORITY : userPriority(priority));
    step.setRequirements(variables.valueOr("requirements", ""));
    step.setPreferences(variables.valueOr("preferences", ""));
    Statement resources = keywords.get("resources");
    if (resources != null) {
      String value = variables.value("resources");
      step.setCpus(at(resources, () -> ResourcesKeyword.cpus(value, warnAt(resources.line()))));
    } else {
      step.setCpus(1);
    }
    return step.build();
  }

  /** The expanded job_name of the first step, or "" when not given. */
  String jobName(Map<String, Statement> firstStep) throws JobCommandFileException {
    Statement jobName = firstStep.get("job_name");
    if (jobName == null) {
      return "";
    }
    StepVariables variables = new StepVariables(context, firstStep, "0");
    return at(jobName, () -> variables.value("job_name"));
  }

  private static int userPriority(String value) throws BadValueException {
    try {
      int priority = Integer.parseInt(value.strip());
      if (priority >= 0 && priority <= 100) {
        return priority;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadValueException("user_priority must be an integer from 0 to 100, not \"" + value + "\"");
  }

  private static void nonEmptyExecutable(String value) throws BadValueException {
    if (value.isBlank()) {
      throw new BadValueException("executable is empty");
    }
  }

  private static void shell(String value) throws BadValueException {
    if (!value.isEmpty() && !value.startsWith("/")) {
      throw new BadValueException("shell must be an absolute path, not \"" + value + "\"");
    }
  }

  /** {@code path} made absolute against {@code dir} and normalised; $(jobid) and the like survive as text. */
  static String absolute(String dir, String path) throws BadValueException {
    try {
      return Path.of(dir).resolve(path).normalize().toString();
    } catch (InvalidPathException e) {
      throw new BadValueException("bad path \"" + path + "\": " + e.getReason());
    }
  }

  private Consumer<String> warnAt(int line) {
    return message -> warnings.accept(context.fileName() + ":" + line + ": " + message);
  }

  private <T> T at(Statement statement, ValueSupplier<T> supplier) throws JobCommandFileException {
    try {
      return supplier.get();
    } catch (BadValueException e) {
      throw error(statement == null ? 0 : statement.line(), e.getMessage());
    }
  }

  private JobCommandFileException error(int line, String problem) {
    return new JobCommandFileException(context.fileName(), line, problem);
  }

  @FunctionalInterface
  private interface ValueSupplier<T> {
    T get() throws BadValueException;
  }
}
