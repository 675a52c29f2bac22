package org.openll.common.jcf;

import org.openll.api.v1.StepSpec;

/**
 * Expands the variables only the schedd knows, once it assigned the job number:
 * $(jobid) = $(cluster), $(stepid) = $(process), $(job_name), $(schedd_host), in every path and
 * argument of a step. (API fixed; implementation in progress.)
 */
public final class JobIdVariables {
  private JobIdVariables() {}

  /** {@code spec} with the id variables expanded. */
  public static StepSpec expand(StepSpec spec, String scheddHost, long jobNumber, int stepNumber, String jobName) {
    return spec;
  }
}
