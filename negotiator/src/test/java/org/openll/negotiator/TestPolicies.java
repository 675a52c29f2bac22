package org.openll.negotiator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.sysprio.SysprioExpression;

/** Scheduling configurations for tests. */
public final class TestPolicies {
  private TestPolicies() {}

  public static SchedulingConfig config(long totalShares, Duration interval, Set<String> admins) {
    return config(SchedulingConfig.SchedulerType.LL_DEFAULT, totalShares, interval, admins);
  }

  public static SchedulingConfig config(SchedulingConfig.SchedulerType type, long totalShares, Duration interval,
      Set<String> admins) {
    return new SchedulingConfig(type, SysprioExpression.parse(SysprioExpression.DEFAULT), List.of(), Map.of(), -1,
        SchedulingConfig.RejectAction.HOLD, totalShares, interval, admins);
  }
}
