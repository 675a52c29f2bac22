package org.openll.startd;

import org.openll.api.v1.Limit;
import org.openll.api.v1.StepLimits;
import org.openll.common.admin.LimitCaps;

/**
 * The limits a step runs with: its own, capped by its class's (LoadLeveler: a class limit is the
 * most a step of the class may ask for, and applies when the step sets none). Each part (hard,
 * soft) is the smaller of the two; a soft limit above the resulting hard one is lowered to it.
 */
final class LimitCap {
  private LimitCap() {}

  static StepLimits apply(StepLimits step, StepLimits cls) {
    return StepLimits.newBuilder()
        .setWallClockLimit(cap(step.getWallClockLimit(), cls.getWallClockLimit()))
        .setJobCpuLimit(cap(step.getJobCpuLimit(), cls.getJobCpuLimit()))
        .setCpuLimit(cap(step.getCpuLimit(), cls.getCpuLimit()))
        .setCoreLimit(cap(step.getCoreLimit(), cls.getCoreLimit()))
        .setDataLimit(cap(step.getDataLimit(), cls.getDataLimit()))
        .setFileLimit(cap(step.getFileLimit(), cls.getFileLimit()))
        .setRssLimit(cap(step.getRssLimit(), cls.getRssLimit()))
        .setStackLimit(cap(step.getStackLimit(), cls.getStackLimit()))
        .setAsLimit(cap(step.getAsLimit(), cls.getAsLimit()))
        .build();
  }

  static Limit cap(Limit step, Limit cls) {
    return LimitCaps.cap(step, cls);
  }
}
