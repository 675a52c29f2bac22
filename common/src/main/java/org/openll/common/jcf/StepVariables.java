package org.openll.common.jcf;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code $(name)} in the values of one step, at submit time. The schedd's variables
 * ({@link #SCHEDD_VARIABLES}) stay as written; {@link JobIdVariables} expands them later. Names
 * are case-insensitive. Not thread-safe: one instance per step being built.
 */
final class StepVariables {
  /** Variables only the schedd knows; left unexpanded by the parser. */
  static final Set<String> SCHEDD_VARIABLES =
      Set.of("jobid", "cluster", "stepid", "process", "job_name", "schedd_host", "schedd_hostname");
  /** The longest value expansion may produce: back-references can double a value at each level. */
  static final int MAX_VALUE_LENGTH = 64 * 1024;
  private static final int MAX_DEPTH = 32;

  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.]*)\\)");

  private final SubmitContext context;
  private final Map<String, Statement> keywords;
  private final String defaultStepName;
  private final Map<String, String> expanded = new HashMap<>();
  private final Set<String> expanding = new HashSet<>();

  /**
   * @param keywords the step's keywords (lower case) with their statements
   * @param defaultStepName the step name when step_name is not given: its position
   */
  StepVariables(SubmitContext context, Map<String, Statement> keywords, String defaultStepName) {
    this.context = context;
    this.keywords = keywords;
    this.defaultStepName = defaultStepName;
  }

  /** {@code text} with every submit-time variable replaced. */
  String expand(String text) throws BadValueException {
    Matcher variable = VARIABLE.matcher(text);
    StringBuilder result = new StringBuilder();
    int last = 0;
    while (variable.find()) {
      result.append(text, last, variable.start());
      String name = variable.group(1).toLowerCase(Locale.ROOT);
      result.append(SCHEDD_VARIABLES.contains(name) ? variable.group() : valueOfVariable(name));
      last = variable.end();
      if (result.length() > MAX_VALUE_LENGTH) {
        throw new BadValueException("value longer than " + MAX_VALUE_LENGTH + " characters once variables are expanded");
      }
    }
    return result.append(text.substring(last)).toString();
  }

  /** The expanded value of {@code keyword} as written in this step, or null when the step does not set it. */
  String value(String keyword) throws BadValueException {
    Statement statement = keywords.get(keyword);
    if (statement == null) {
      return null;
    }
    String cached = expanded.get(keyword);
    if (cached != null) {
      return cached;
    }
    if (expanding.size() >= MAX_DEPTH) {
      throw new BadValueException("variables refer to variables more than " + MAX_DEPTH + " levels deep");
    }
    if (!expanding.add(keyword)) {
      throw new BadValueException("variable $(" + keyword + ") refers to itself");
    }
    try {
      String value = expand(statement.value());
      expanded.put(keyword, value);
      return value;
    } finally {
      expanding.remove(keyword);
    }
  }

  /** The value or {@code fallback} when the keyword is not set or empty. */
  String valueOr(String keyword, String fallback) throws BadValueException {
    String value = value(keyword);
    return value == null || value.isEmpty() ? fallback : value;
  }

  String stepName() throws BadValueException {
    return valueOr("step_name", defaultStepName);
  }

  /** The absolute, normalised initial directory: relative to the submit directory, which is the default. */
  String initialdir() throws BadValueException {
    return StepBuilder.absolute(context.submitDir().toString(), valueOr("initialdir", ""));
  }

  String jobClass() throws BadValueException {
    return valueOr("class", "No_Class");
  }

  /** The executable as written, or the job command file's name when the file is the executable. */
  String executableAsWritten() throws BadValueException {
    return valueOr("executable", context.fileName());
  }

  private String valueOfVariable(String name) throws BadValueException {
    switch (name) {
      case "user":
        return context.user();
      case "home":
        return context.userHome();
      case "host", "hostname":
        return context.submitHost();
      case "domain":
        return context.domain();
      case "executable":
        return executableAsWritten();
      case "base_executable": {
        String executable = executableAsWritten();
        return executable.substring(executable.lastIndexOf('/') + 1);
      }
      case "class":
        return jobClass();
      case "step_name":
        return stepName();
      case "initialdir":
        return initialdir();
      case "comment":
        return valueOr("comment", "");
      default:
        break;
    }
    if (keywords.containsKey(name)) {
      return value(name);
    }
    if (Keywords.kind(name) != Keywords.Kind.UNKNOWN) {
      throw new BadValueException(
          "variable $(" + name + ") refers to keyword " + name + ", which this step does not set");
    }
    throw new BadValueException("unknown variable $(" + name + ")");
  }
}
