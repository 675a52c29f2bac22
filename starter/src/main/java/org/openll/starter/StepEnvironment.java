package org.openll.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openll.api.v1.EnvVar;
import org.openll.api.v1.JobType;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepLaunch;

/**
 * The environment a step's command sees: the step's {@code environment} keyword, then the login
 * defaults ({@code HOME}, {@code USER}, {@code LOGNAME}, {@code SHELL}, {@code PATH}) where the
 * step did not set them, then LoadLeveler's {@code LOADL_*} variables, which always win.
 * Nothing is inherited from the starter's own environment. For a parallel step
 * ({@code task_hosts} set) {@code LOADL_PROCESSOR_LIST} is the task hosts separated by blanks,
 * {@code LOADL_TOTAL_TASKS} their number and {@code LOADL_HOSTFILE} lists one per line.
 */
final class StepEnvironment {
  static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
  /** The value of {@code LOADL_ACTIVE}: LoadLeveler puts its version there. */
  static final String ACTIVE_VALUE = "openll";

  private StepEnvironment() {}

  /**
   * @param home the owner's home folder
   * @param shell the owner's shell (what {@code SHELL} defaults to)
   */
  static Map<String, String> build(StarterLaunch launch, String home, String shell) {
    StepLaunch step = launch.getStep();
    Map<String, String> env = new TreeMap<>();
    for (EnvVar var : step.getSpec().getEnvironmentList()) {
      env.put(var.getName(), var.getValue());
    }
    env.putIfAbsent("HOME", home);
    env.putIfAbsent("USER", step.getOwner());
    env.putIfAbsent("LOGNAME", step.getOwner());
    env.putIfAbsent("SHELL", shell);
    env.putIfAbsent("PATH", DEFAULT_PATH);
    env.put("LOADL_STEP_ID", step.getStepId());
    env.put("LOADL_STEP_NAME", step.getSpec().getStepName());
    env.put("LOADL_JOB_NAME", step.getJobName());
    env.put("LOADL_STEP_OWNER", step.getOwner());
    env.put("LOADL_STEP_CLASS", step.getSpec().getJobClass());
    env.put("LOADL_STEP_INITDIR", step.getSpec().getInitialdir());
    env.put("LOADL_PROCESSOR_LIST", String.join(" ", taskHosts(launch)));
    env.put("LOADL_ACTIVE", ACTIVE_VALUE);
    StepSpec spec = step.getSpec();
    env.put("LOADL_STEP_TYPE", stepType(spec.getJobType()));
    env.put("LOADL_STEP_GROUP", spec.getGroup().isEmpty() ? "No_Group" : spec.getGroup());
    env.put("LOADL_STEP_ACCT", spec.getAccountNo());
    env.put("LOADL_STEP_ARGS", String.join(" ", spec.getArgumentsList()));
    env.put("LOADL_STEP_IN", spec.getInput().isEmpty() ? "/dev/null" : spec.getInput());
    env.put("LOADL_STEP_OUT", spec.getOutput().isEmpty() ? "/dev/null" : spec.getOutput());
    env.put("LOADL_STEP_ERR", spec.getError().isEmpty() ? "/dev/null" : spec.getError());
    env.put("LOADL_STEP_COMMAND", spec.getExecutableIsJobFile()
        ? Path.of(launch.getSpoolDir(), CommandBuilder.JOB_FILE).toString() : spec.getExecutable());
    env.put("LOADL_TOTAL_TASKS", Integer.toString(launch.getTaskHostsCount() > 0 ? launch.getTaskHostsCount()
        : totalTasks(spec)));
    env.put("LOADL_HOSTFILE", hostFile(launch).toString());
    return env;
  }

  /** LoadLeveler's spelling: {@code SERIAL}, {@code PARALLEL} or {@code MPICH}. */
  static String stepType(JobType type) {
    return switch (type) {
      case JOB_TYPE_PARALLEL -> "PARALLEL";
      case JOB_TYPE_MPICH -> "MPICH";
      default -> "SERIAL";
    };
  }

  static int totalTasks(StepSpec spec) {
    return Math.max(1, spec.getTotalTasks());
  }

  /**
   * The machine of each task: the launch's {@code task_hosts} (a parallel step, in allocation
   * order), else this machine once for {@code LOADL_PROCESSOR_LIST}.
   */
  static List<String> taskHosts(StarterLaunch launch) {
    return launch.getTaskHostsCount() > 0 ? launch.getTaskHostsList() : List.of(launch.getMachine());
  }

  /** {@code SPOOL/hostfile}: one machine name per line, one line per task (what MPI launchers read). */
  static Path hostFile(StarterLaunch launch) {
    return Path.of(launch.getSpoolDir(), "hostfile");
  }

  /**
   * Writes {@link #hostFile}, readable by the owner (mode 644): the {@code task_hosts}, else this
   * machine once per task of the spec. The spool folder exists.
   */
  static void writeHostFile(StarterLaunch launch) throws IOException {
    List<String> hosts = launch.getTaskHostsCount() > 0 ? launch.getTaskHostsList()
        : Collections.nCopies(totalTasks(launch.getStep().getSpec()), launch.getMachine());
    Path file = hostFile(launch);
    Files.write(file, hosts);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
  }
}
