package org.openll.common.jcf;

import org.openll.common.expr.ExpressionSyntaxException;
import org.openll.common.expr.Requirements;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.openll.api.v1.EnvCopy;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.JobType;
import org.openll.api.v1.Limit;
import org.openll.api.v1.NodeUsage;
import org.openll.api.v1.Notification;
import org.openll.api.v1.ResourceRequest;
import org.openll.api.v1.StepLimits;
import org.openll.api.v1.StepSpec;

/**
 * Reads the expanded value of one keyword into the typed fields of a {@link StepSpec}. An empty
 * value keeps the default (except {@code executable}, which must not be empty). Values are
 * case-insensitive where LoadLeveler's are. Stateless apart from the submit context.
 */
final class KeywordReader {
  private final SubmitContext context;

  KeywordReader(SubmitContext context) {
    this.context = context;
  }

  /**
   * @param initialdir the step's absolute initial directory, for relative paths
   * @param earlierSteps the names of the steps before this one, for dependency; null to check
   *     only the syntax of a dependency
   */
  void read(String keyword, String value, StepSpec.Builder step, String initialdir, Set<String> earlierSteps,
      Consumer<String> warnings) throws BadValueException {
    if (keyword.equals("executable") && value.isBlank()) {
      throw new BadValueException("must not be empty");
    }
    if (value.isEmpty()) {
      return;
    }
    if (Keywords.isNetwork(keyword)) {
      step.addNetworks(ParallelKeywords.network(keyword.substring("network.".length()), value));
      return;
    }
    if (LimitKeyword.STEP_LIMITS.contains(keyword)) {
      setLimit(step.getLimitsBuilder(), keyword, LimitKeyword.parse(keyword, value, context.limits(), warnings));
      return;
    }
    String word = value.strip().toLowerCase(Locale.ROOT);
    switch (keyword) {
      case "step_name" -> step.setStepName(stepName(value));
      case "executable" -> step.setExecutable(StepBuilder.absolute(initialdir, value)).setExecutableIsJobFile(false);
      case "arguments" -> step.addAllArguments(ArgumentSplitter.split(value));
      case "input" -> step.setInput(StepBuilder.absolute(initialdir, value));
      case "output" -> step.setOutput(StepBuilder.absolute(initialdir, value));
      case "error" -> step.setError(StepBuilder.absolute(initialdir, value));
      case "initialdir" -> StepBuilder.absolute("/", value); // set by the step builder, which resolves it first
      case "shell" -> step.setShell(shell(value));
      case "class" -> step.setJobClass(value);
      case "group" -> step.setGroup(value);
      case "account_no" -> step.setAccountNo(value);
      case "comment" -> step.setComment(value);
      case "environment" -> step.addAllEnvironment(EnvironmentKeyword.resolve(value, context.environment(), warnings));
      case "env_copy" -> step.setEnvCopy(choice(value, Map.of("all", EnvCopy.ENV_COPY_ALL, "master", EnvCopy.ENV_COPY_MASTER)));
      case "notification" -> step.setNotification(choice(value, Map.of(
          "always", Notification.NOTIFICATION_ALWAYS, "error", Notification.NOTIFICATION_ERROR,
          "start", Notification.NOTIFICATION_START, "never", Notification.NOTIFICATION_NEVER,
          "complete", Notification.NOTIFICATION_COMPLETE)));
      case "notify_user" -> step.setNotifyUser(value);
      case "requirements" -> step.setRequirements(expression(value));
      case "preferences" -> step.setPreferences(expression(value));
      case "resources" -> {
        List<ResourceRequest> resources = ResourcesKeyword.parse(value);
        step.clearResources().addAllResources(resources).setCpus(ResourcesKeyword.cpus(resources));
      }
      case "node_resources" -> step.clearNodeResources().addAllNodeResources(ResourcesKeyword.parse(value));
      case "node" -> step.setNode(ParallelKeywords.node(value));
      case "tasks_per_node" -> step.setTasksPerNode(Units.positiveInt(value));
      case "total_tasks" -> step.setTotalTasks(Units.positiveInt(value));
      case "blocking" -> step.setBlocking(ParallelKeywords.blocking(value));
      case "job_type" -> step.setJobType(jobType(value));
      case "node_usage" -> step.setNodeUsage(choice(value, Map.of("shared", NodeUsage.NODE_USAGE_SHARED,
          "not_shared", NodeUsage.NODE_USAGE_NOT_SHARED, "slice_not_shared", NodeUsage.NODE_USAGE_SLICE_NOT_SHARED)));
      case "task_affinity" -> step.setTaskAffinity(ParallelKeywords.taskAffinity(value));
      case "parallel_threads" -> step.setParallelThreads(Units.positiveInt(value));
      case "max_processors" -> step.setMaxProcessors(Units.positiveInt(value));
      case "min_processors" -> step.setMinProcessors(Units.positiveInt(value));
      case "hold" -> step.setHold(choice(value, Map.of("user", HoldType.HOLD_TYPE_USER,
          "system", HoldType.HOLD_TYPE_SYSTEM, "usersys", HoldType.HOLD_TYPE_USERSYS)));
      case "startdate" -> step.setStartdate(StartdateKeyword.parse(value, context.clock().getZone()));
      case "user_priority" -> step.setUserPriority(userPriority(value));
      case "dependency" -> step.setDependency(dependency(value, step.getStepName(), earlierSteps));
      case "restart" -> step.setNoRestart(choice(value, Map.of("yes", false, "no", true)));
      case "image_size" -> step.setImageSizeKb(Units.roundUp(Units.bytes(value, 1024), 1024));
      case "checkpoint" -> {
        if (!choice(value, Map.of("no", true, "yes", false, "interval", false,
            "user_initiated", false, "system_initiated", false))) {
          throw new BadValueException("openll does not checkpoint; only checkpoint = no runs here");
        }
      }
      case "restart_from_ckpt" -> {
        if (!choice(value, Map.of("no", true, "yes", false))) {
          throw new BadValueException("openll does not checkpoint, so a step cannot restart from one");
        }
      }
      case "cluster_list" -> {
        if (!word.equals("any")) {
          throw new BadValueException("openll has one cluster; use cluster_list = any or remove the keyword");
        }
        warnings.accept("openll has one cluster; the job runs on it");
      }
      case "job_name" -> { } // job-level: read by the parser from the first step
      default -> throw new IllegalStateException("no reader for keyword " + keyword);
    }
  }

  private static String stepName(String value) throws BadValueException {
    String name = value.strip();
    if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]{0,63}") || name.equals("T") || name.equals("F")) {
      throw new BadValueException(Units.quote(value) + " is not a step name (a letter or _, then letters, digits, "
          + "_ . -; at most 64; not T or F)");
    }
    return name;
  }

  private static String shell(String value) throws BadValueException {
    if (!value.startsWith("/")) {
      throw new BadValueException("must be an absolute path, not " + Units.quote(value));
    }
    return value;
  }

  private static JobType jobType(String value) throws BadValueException {
    String word = value.strip().toLowerCase(Locale.ROOT);
    if (word.equals("bluegene")) {
      throw new BadValueException("openll has no Blue Gene support; a bluegene job cannot run here");
    }
    if (word.equals("pvm3")) {
      throw new BadValueException("openll has no PVM; use parallel or mpich");
    }
    return choice(value, Map.of("serial", JobType.JOB_TYPE_SERIAL, "parallel", JobType.JOB_TYPE_PARALLEL,
        "mpich", JobType.JOB_TYPE_MPICH));
  }

  private static int userPriority(String value) throws BadValueException {
    String stripped = value.strip();
    if (stripped.matches("\\d{1,3}") && Integer.parseInt(stripped) <= 100) {
      return Integer.parseInt(stripped);
    }
    throw new BadValueException(Units.quote(value) + " is not an integer from 0 to 100");
  }

  /** Checks what can be checked of an expression before the expression language sees it. */
  /** The requirements language of {@link Requirements}: a syntax error names its column. */
  private static String expression(String value) throws BadValueException {
    try {
      Requirements.parse(value);
      return value;
    } catch (ExpressionSyntaxException e) {
      throw new BadValueException(e.getMessage());
    }
  }

  private static String dependency(String value, String stepName, Set<String> earlierSteps) throws BadValueException {
    Dependency dependency;
    try {
      dependency = Dependency.parse(value);
    } catch (IllegalArgumentException e) {
      throw new BadValueException(Units.quote(value) + ": " + e.getMessage());
    }
    if (earlierSteps != null) {
      for (String name : dependency.stepNames()) {
        if (name.equals(stepName)) {
          throw new BadValueException("step " + name + " cannot depend on itself");
        }
        if (!earlierSteps.contains(name)) {
          throw new BadValueException("no earlier step is named " + name
              + (earlierSteps.isEmpty() ? "" : " (earlier steps: " + String.join(", ", earlierSteps) + ")"));
        }
      }
    }
    return dependency.toString();
  }

  private static <T> T choice(String value, Map<String, T> choices) throws BadValueException {
    T choice = choices.get(value.strip().toLowerCase(Locale.ROOT));
    if (choice == null) {
      throw new BadValueException(Units.quote(value) + " is not one of "
          + String.join(", ", new java.util.TreeSet<>(choices.keySet())));
    }
    return choice;
  }

  private static void setLimit(StepLimits.Builder limits, String keyword, Limit limit) {
    switch (keyword) {
      case "wall_clock_limit" -> limits.setWallClockLimit(limit);
      case "job_cpu_limit" -> limits.setJobCpuLimit(limit);
      case "cpu_limit" -> limits.setCpuLimit(limit);
      case "core_limit" -> limits.setCoreLimit(limit);
      case "data_limit" -> limits.setDataLimit(limit);
      case "file_limit" -> limits.setFileLimit(limit);
      case "rss_limit" -> limits.setRssLimit(limit);
      case "stack_limit" -> limits.setStackLimit(limit);
      default -> limits.setAsLimit(limit);
    }
  }
}
