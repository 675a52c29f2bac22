package org.openll.common.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openll.common.sysprio.SysprioExpression;

/** Reads {@link SchedulingConfig}. CONTRACT STUB: the admin-model work replaces it. */
final class SchedulingConfigReader {
  private SchedulingConfigReader() {}

  static SchedulingConfig read(LoadLConfig config) {
    return new SchedulingConfig(SchedulingConfig.SchedulerType.LL_DEFAULT,
        SysprioExpression.parse(SysprioExpression.DEFAULT), List.of(), Map.of(), -1,
        SchedulingConfig.RejectAction.HOLD, 0, Duration.ofHours(168), Set.of());
  }
}
