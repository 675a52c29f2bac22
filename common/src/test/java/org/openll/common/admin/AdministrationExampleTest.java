package org.openll.common.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.ResourceRequest;
import org.openll.common.config.LoadLConfig;
import org.openll.common.config.SchedulingConfig;

/** The worked example of docs/administration.md reads as the page says (keep the two in step). */
class AdministrationExampleTest {
  private static final List<String> CONFIG = List.of(
      "SCHEDULER_TYPE          = BACKFILL",
      "SYSPRIO                 = (ClassSysprio * 100) + (UserHasShares - UserUsedShares) - (QDate / 3600)",
      "SCHEDULE_BY_RESOURCES   = ConsumableCpus ConsumableMemory gpu solver",
      "FLOATING_RESOURCES      = solver(2)",
      "FAIR_SHARE_TOTAL_SHARES = 100",
      "FAIR_SHARE_INTERVAL     = 24",
      "MAX_JOB_REJECT          = 3",
      "ACTION_ON_MAX_REJECT    = SYSHOLD",
      "LOADL_ADMIN             = loadl");

  private static final List<String> ADMIN = List.of(
      "# every class: at most 12 hours, 2 hours unless the step asks",
      "default: type = class",
      "    wall_clock_limit         = 12:00:00",
      "    default_wall_clock_limit = 2:00:00",
      "    default_resources        = ConsumableCpus(1) ConsumableMemory(1 gb)",
      "",
      "short: type = class",
      "    priority         = 10",
      "    class_comment    = up to 30 minutes, runs first",
      "    wall_clock_limit = 30:00",
      "    default_wall_clock_limit = 20:00",
      "    max_jobs_per_user = 8",
      "",
      "gpu: type = class",
      "    include_groups   = ml",
      "    maxjobs          = 4",
      "    default_resources = ConsumableCpus(4) ConsumableMemory(16 gb) gpu(1)",
      "",
      "default: type = user",
      "    default_class = short",
      "    maxqueued     = 500",
      "    fair_shares   = 10",
      "",
      "alice: type = user",
      "    default_class = gpu short",
      "    default_group = ml",
      "    fair_shares   = 40",
      "",
      "ml: type = group",
      "    include_users = alice bob",
      "    maxjobs       = 6",
      "",
      "gpu1: type = machine",
      "    resources = gpu(2)",
      "gpu2: type = machine",
      "    resources = gpu(2)");

  private final AdminConfig admin = AdminConfig.from(AdminFile.parse(ADMIN, "LoadL_admin"));

  @Test
  void config_readsEveryKeyword() {
    SchedulingConfig c = SchedulingConfig.from(LoadLConfig.parse(CONFIG, "LoadL_config"));

    assertEquals(SchedulingConfig.SchedulerType.BACKFILL, c.schedulerType());
    assertEquals(List.of("ConsumableCpus", "ConsumableMemory", "gpu", "solver"), c.scheduleByResources());
    assertEquals(Map.of("solver", 2L), c.floatingResources());
    assertEquals(SchedulingConfig.RejectAction.SYSHOLD, c.actionOnMaxReject());
    assertEquals(Set.of("loadl"), c.administrators());
  }

  @Test
  void carol_getsShortWithItsDefaults() {
    UserStanza carol = admin.user("carol");
    ClassStanza shortClass = admin.classNamed(carol.defaultClass().get(0));

    assertEquals("short", shortClass.name());
    assertEquals(1200, shortClass.defaultLimits().getWallClockLimit().getHard().getAmount());
    assertEquals(1800, shortClass.limits().getWallClockLimit().getHard().getAmount());
    assertEquals(List.of(request("ConsumableCpus", 1), request("ConsumableMemory", 1024)),
        shortClass.defaultResources());
    assertEquals(8, shortClass.maxJobsPerUser());
    assertEquals(500, carol.maxQueued());
  }

  @Test
  void alice_getsGpuThroughGroupMl() {
    UserStanza alice = admin.user("alice");
    ClassStanza gpu = admin.classNamed(alice.defaultClass().get(0));

    assertEquals(Optional.empty(), gpu.refusal("alice", alice.defaultGroup()));
    assertEquals(4, gpu.maxJobs());
    assertEquals(6, admin.group("ml").maxJobs());
    assertEquals(Optional.of("group No_Group is not in include_groups of class gpu"),
        gpu.refusal("bob", admin.user("bob").defaultGroup()));
    assertEquals(Map.of("gpu", 2L), admin.machine("gpu1").orElseThrow().resources());
  }

  private static ResourceRequest request(String name, long amount) {
    return ResourceRequest.newBuilder().setName(name).setAmount(amount).build();
  }
}
