package org.openll.cli.format;

import org.openll.api.v1.StepStatus;
import org.openll.common.cluster.HostNames;

/** Step and job ids ({@code host.N.S}, {@code host.N}) as the commands show and accept them. */
public final class StepIds {
  private StepIds() {}

  /**
   * {@code id} with the domain of its host part removed: {@code a.b.com.12.0} becomes
   * {@code a.12.0}. The last {@code numericParts} dot-separated parts are the numbers.
   */
  public static String shorten(String id, int numericParts) {
    String[] parts = id.split("\\.");
    if (parts.length <= numericParts) {
      return id;
    }
    int hostEnd = id.length();
    for (int i = 0; i < numericParts; i++) {
      hostEnd = id.lastIndexOf('.', hostEnd - 1);
    }
    return HostNames.shorten(id.substring(0, hostEnd)) + id.substring(hostEnd);
  }

  /** A step id ({@code host.N.S}) with a short host. */
  public static String shortStepId(String stepId) {
    return shorten(stepId, 2);
  }

  /**
   * True when {@code requested}, in any form the commands accept ({@code host.N}, {@code host.N.S},
   * {@code N}, {@code N.S}, the host full or short), names {@code step} or its job.
   */
  public static boolean matches(String requested, StepStatus step) {
    if (requested.matches("\\d+")) {
      return step.getJobId().endsWith("." + requested);
    }
    if (requested.matches("\\d+\\.\\d+")) {
      return step.getStepId().endsWith("." + requested);
    }
    String[] parts = requested.split("\\.");
    boolean stepForm = parts.length >= 3
        && parts[parts.length - 1].matches("\\d+") && parts[parts.length - 2].matches("\\d+");
    if (stepForm) {
      return requested.equals(step.getStepId()) || shortStepId(requested).equals(shortStepId(step.getStepId()));
    }
    return requested.equals(step.getJobId()) || shorten(requested, 1).equals(shorten(step.getJobId(), 1));
  }
}
