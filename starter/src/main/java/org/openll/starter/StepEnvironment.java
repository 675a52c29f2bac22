package org.openll.starter;

import java.util.Map;
import java.util.TreeMap;
import org.openll.api.v1.EnvVar;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepLaunch;

/**
 * The environment a step's command sees: the step's {@code environment} keyword, then the login
 * defaults ({@code HOME}, {@code USER}, {@code LOGNAME}, {@code SHELL}, {@code PATH}) where the
 * step did not set them, then LoadLeveler's {@code LOADL_*} variables, which always win.
 * Nothing is inherited from the starter's own environment.
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
    env.put("LOADL_PROCESSOR_LIST", launch.getMachine());
    env.put("LOADL_ACTIVE", ACTIVE_VALUE);
    return env;
  }
}
