package org.openll.starter;

import java.io.IOException;
import java.nio.file.Path;
import org.openll.api.v1.StarterLaunch;

/** Makes the {@link Containment} the launch names; falls back to {@code proc} when a cgroup cannot be made. */
final class Containments {
  static final long DEFAULT_SCAN_MILLIS = 5000;

  private Containments() {}

  static Containment create(StarterLaunch launch, Path proc) {
    String stepId = launch.getStep().getStepId();
    String kind = launch.getContainment();
    if ((kind.equals("cgroup-v2") || kind.equals("cgroup-v1")) && !launch.getCgroupParent().isEmpty()) {
      try {
        return CgroupContainment.create(kind.equals("cgroup-v2"), Path.of(launch.getCgroupParent()), stepId);
      } catch (IOException e) {
        System.err.println("starter: cannot make a cgroup under " + launch.getCgroupParent() + " (" + e
            + "); tracking the step through /proc");
      }
    }
    long scan = launch.getScanPeriodMillis() > 0 ? launch.getScanPeriodMillis() : DEFAULT_SCAN_MILLIS;
    return new ProcContainment(proc, stepId, scan);
  }
}
