package org.openll.common.jcf;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openll.api.v1.EnvVar;
import org.openll.api.v1.StepSpec;

/**
 * Expands the variables only the schedd knows, once it assigned the job number:
 * $(jobid) = $(cluster), $(stepid) = $(process), $(job_name), $(schedd_host) = $(schedd_hostname), in every path and
 * argument of a step. Names are case-insensitive; any other $(x) is left as it is. Pure functions.
 */
public final class JobIdVariables {
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\((jobid|cluster|stepid|process|job_name|schedd_hostname|schedd_host)\\)", Pattern.CASE_INSENSITIVE);

  private JobIdVariables() {}

  /**
   * {@code spec} with the id variables expanded in input, output, error, initialdir, executable,
   * arguments and environment values.
   *
   * @param jobName the job's effective name (after {@link #expandJobName}); null counts as ""
   */
  public static StepSpec expand(StepSpec spec, String scheddHost, long jobNumber, int stepNumber, String jobName) {
    Values values = new Values(scheddHost, jobNumber, stepNumber, jobName == null ? "" : jobName);
    StepSpec.Builder step = spec.toBuilder()
        .setInput(values.expand(spec.getInput()))
        .setOutput(values.expand(spec.getOutput()))
        .setError(values.expand(spec.getError()))
        .setInitialdir(values.expand(spec.getInitialdir()))
        .setExecutable(values.expand(spec.getExecutable()))
        .clearArguments()
        .clearEnvironment();
    spec.getArgumentsList().forEach(argument -> step.addArguments(values.expand(argument)));
    for (EnvVar variable : spec.getEnvironmentList()) {
      step.addEnvironment(variable.toBuilder().setValue(values.expand(variable.getValue())));
    }
    return step.build();
  }

  /**
   * The job's name with $(jobid), $(cluster) and $(schedd_host) expanded; an empty name becomes
   * LoadLeveler's default {@code <schedd-host>.<job number>}. Step-level variables ($(stepid),
   * $(process)) and $(job_name) itself stay as written.
   */
  public static String expandJobName(String jobName, String scheddHost, long jobNumber) {
    if (jobName == null || jobName.isEmpty()) {
      return scheddHost + "." + jobNumber;
    }
    Matcher variable = VARIABLE.matcher(jobName);
    StringBuilder result = new StringBuilder();
    while (variable.find()) {
      String replacement = switch (variable.group(1).toLowerCase(Locale.ROOT)) {
        case "jobid", "cluster" -> Long.toString(jobNumber);
        case "schedd_host", "schedd_hostname" -> scheddHost;
        default -> variable.group();
      };
      variable.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    variable.appendTail(result);
    return result.toString();
  }

  private record Values(String scheddHost, long jobNumber, int stepNumber, String jobName) {
    String expand(String text) {
      Matcher variable = VARIABLE.matcher(text);
      StringBuilder result = new StringBuilder();
      while (variable.find()) {
        String replacement = switch (variable.group(1).toLowerCase(Locale.ROOT)) {
          case "jobid", "cluster" -> Long.toString(jobNumber);
          case "stepid", "process" -> Integer.toString(stepNumber);
          case "job_name" -> jobName;
          default -> scheddHost;
        };
        variable.appendReplacement(result, Matcher.quoteReplacement(replacement));
      }
      variable.appendTail(result);
      return result.toString();
    }
  }
}
