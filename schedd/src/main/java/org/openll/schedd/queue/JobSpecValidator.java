package org.openll.schedd.queue;

import java.util.HashSet;
import java.util.Set;
import org.openll.api.v1.EnvVar;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.StepSpec;
import org.openll.common.errors.OpenllException;

/**
 * Checks a submitted job again on the schedd (a client may be anything that speaks gRPC).
 * Throws INVALID_ARGUMENT with a one-line message {@code step N (name): field: problem}.
 * Stateless and thread-safe.
 */
final class JobSpecValidator {
  static final int MAX_USER_PRIORITY = 100;

  private JobSpecValidator() {}

  static void validate(JobSpec job) {
    if (job.getStepsCount() == 0) {
      throw OpenllException.invalidArgument("job: steps: at least one step is required");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < job.getStepsCount(); i++) {
      StepSpec step = job.getSteps(i);
      String where = "step " + i + " (" + step.getStepName() + "): ";
      if (step.getStepName().isBlank()) {
        throw OpenllException.invalidArgument(where + "step_name: is empty");
      }
      if (!names.add(step.getStepName())) {
        throw OpenllException.invalidArgument(where + "step_name: used by an earlier step");
      }
      if (step.getExecutableIsJobFile()) {
        if (job.getJobFileContent().isEmpty()) {
          throw OpenllException.invalidArgument(where + "job_file_content: required when the job file is the executable");
        }
      } else {
        requireAbsolute(where, "executable", step.getExecutable());
      }
      requireAbsolute(where, "input", step.getInput());
      requireAbsolute(where, "output", step.getOutput());
      requireAbsolute(where, "error", step.getError());
      requireAbsolute(where, "initialdir", step.getInitialdir());
      if (!step.getShell().isEmpty()) {
        requireAbsolute(where, "shell", step.getShell());
      }
      if (step.getCpus() < 1) {
        throw OpenllException.invalidArgument(where + "cpus: must be at least 1, got " + step.getCpus());
      }
      if (step.getUserPriority() < 0 || step.getUserPriority() > MAX_USER_PRIORITY) {
        throw OpenllException.invalidArgument(where + "user_priority: must be 0..100, got " + step.getUserPriority());
      }
      for (EnvVar env : step.getEnvironmentList()) {
        if (env.getName().isEmpty() || env.getName().contains("=")) {
          throw OpenllException.invalidArgument(where + "environment: bad variable name '" + env.getName() + "'");
        }
      }
    }
  }

  private static void requireAbsolute(String where, String field, String path) {
    if (path.isEmpty()) {
      throw OpenllException.invalidArgument(where + field + ": is required");
    }
    if (!path.startsWith("/")) {
      throw OpenllException.invalidArgument(where + field + ": must be an absolute path, got " + path);
    }
  }
}
