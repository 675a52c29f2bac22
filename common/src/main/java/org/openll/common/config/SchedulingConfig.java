package org.openll.common.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openll.common.sysprio.SysprioExpression;

/**
 * The scheduling keywords of LoadL_config. Immutable.
 *
 * @param schedulerType {@code SCHEDULER_TYPE}: LL_DEFAULT (default) or BACKFILL
 * @param sysprio {@code SYSPRIO}: the system priority of a waiting step; {@code 0 - (QDate)} by default
 * @param scheduleByResources {@code SCHEDULE_BY_RESOURCES}: the consumables the negotiator accounts
 *     besides ConsumableCpus (always accounted); empty means every consumable a machine offers
 * @param floatingResources {@code FLOATING_RESOURCES = name(count) ...}: cluster-wide consumables
 * @param maxJobReject {@code MAX_JOB_REJECT}: rejections after which {@code actionOnMaxReject}
 *     applies; {@code -1}: never
 * @param actionOnMaxReject {@code ACTION_ON_MAX_REJECT}: HOLD (user hold, default), SYSHOLD or CANCEL
 * @param fairShareTotalShares {@code FAIR_SHARE_TOTAL_SHARES}: 0 (default) turns fair share off
 * @param fairShareInterval {@code FAIR_SHARE_INTERVAL} (hours in the file): used shares decay to
 *     5% over it; 168 hours by default
 * @param administrators {@code LOADL_ADMIN}: users who may act on others' steps and favor steps; by default the user the daemon runs as (a personal cluster's owner)
 */
public record SchedulingConfig(SchedulerType schedulerType, SysprioExpression sysprio, List<String> scheduleByResources,
    Map<String, Long> floatingResources, int maxJobReject, RejectAction actionOnMaxReject, long fairShareTotalShares,
    Duration fairShareInterval, Set<String> administrators) {
  public enum SchedulerType { LL_DEFAULT, BACKFILL }

  public enum RejectAction { HOLD, SYSHOLD, CANCEL }

  public SchedulingConfig {
    scheduleByResources = List.copyOf(scheduleByResources);
    floatingResources = Map.copyOf(floatingResources);
    administrators = Set.copyOf(administrators);
  }

  /** Every keyword at its default. */
  public static SchedulingConfig defaults() {
    return from(LoadLConfig.empty());
  }

  /**
   * @throws ConfigException naming the keyword and the value that is wrong (e.g. a SYSPRIO that does
   *     not parse or names an unknown variable)
   */
  public static SchedulingConfig from(LoadLConfig config) {
    return SchedulingConfigReader.read(config);
  }

  /**
   * The keywords whose value differs from {@code previous}, in LoadL_config spelling and a fixed
   * order (for {@code llctl reconfig}'s report); empty when none does.
   */
  public List<String> changesFrom(SchedulingConfig previous) {
    List<String> changed = new ArrayList<>();
    addIf(changed, "SCHEDULER_TYPE", schedulerType, previous.schedulerType);
    addIf(changed, "SYSPRIO", sysprio, previous.sysprio);
    addIf(changed, "SCHEDULE_BY_RESOURCES", scheduleByResources, previous.scheduleByResources);
    addIf(changed, "FLOATING_RESOURCES", floatingResources, previous.floatingResources);
    addIf(changed, "MAX_JOB_REJECT", maxJobReject, previous.maxJobReject);
    addIf(changed, "ACTION_ON_MAX_REJECT", actionOnMaxReject, previous.actionOnMaxReject);
    addIf(changed, "FAIR_SHARE_TOTAL_SHARES", fairShareTotalShares, previous.fairShareTotalShares);
    addIf(changed, "FAIR_SHARE_INTERVAL", fairShareInterval, previous.fairShareInterval);
    addIf(changed, "LOADL_ADMIN", administrators, previous.administrators);
    return changed;
  }

  private static void addIf(List<String> changed, String keyword, Object now, Object before) {
    if (!now.equals(before)) {
      changed.add(keyword);
    }
  }

  public boolean isAdministrator(String user) {
    return administrators.contains(user);
  }

  /**
   * Whether a step rejected {@code rejectCount} times (this rejection included) gets
   * {@link #actionOnMaxReject} instead of going back to Idle: a step may be rejected
   * {@code maxJobReject} times and be retried; the next rejection applies the action (so with 0,
   * LoadLeveler's default, the first one does). Never with {@code -1}.
   */
  public boolean rejectLimitReached(int rejectCount) {
    return maxJobReject != -1 && rejectCount > maxJobReject;
  }
}
