package org.openll.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openll.common.config.SchedulingConfig.RejectAction;
import org.openll.common.config.SchedulingConfig.SchedulerType;
import org.openll.common.sysprio.SysprioVariables;

class SchedulingConfigTest {
  private static SchedulingConfig read(String... lines) {
    return SchedulingConfig.from(LoadLConfig.parse(List.of(lines), "LoadL_config"));
  }

  private static String error(String... lines) {
    return assertThrows(ConfigException.class, () -> read(lines)).getMessage();
  }

  @Test
  void defaults_noKeywords_loadLevelersDefaults() {
    SchedulingConfig c = SchedulingConfig.defaults();

    assertEquals(SchedulerType.LL_DEFAULT, c.schedulerType());
    assertEquals("0 - (QDate)", c.sysprio().text());
    assertEquals(List.of(), c.scheduleByResources());
    assertEquals(Map.of(), c.floatingResources());
    assertEquals(0, c.maxJobReject());
    assertEquals(RejectAction.HOLD, c.actionOnMaxReject());
    assertEquals(0, c.fairShareTotalShares());
    assertEquals(Duration.ofHours(168), c.fairShareInterval());
    assertEquals(Set.of(System.getProperty("user.name")), c.administrators());
  }

  @Test
  void from_everyKeyword_readsEach() {
    SchedulingConfig c = read(
        "SCHEDULER_TYPE = backfill",
        "SYSPRIO = (ClassSysprio * 100) + (UserSysprio * 10) + (GroupSysprio * 1) - (QDate)",
        "SCHEDULE_BY_RESOURCES = consumablecpus ConsumableMemory  gpu",
        "FLOATING_RESOURCES = license(4) ConsumableMemory(2 gb)",
        "MAX_JOB_REJECT = -1",
        "ACTION_ON_MAX_REJECT = cancel",
        "FAIR_SHARE_TOTAL_SHARES = 1000",
        "FAIR_SHARE_INTERVAL = 24",
        "LOADL_ADMIN = root, loadl  alice");

    assertEquals(SchedulerType.BACKFILL, c.schedulerType());
    assertEquals(100 + 20 + 3 - 5,
        c.sysprio().evaluate(new SysprioVariables(1, 2, 3, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
    assertEquals(List.of("ConsumableCpus", "ConsumableMemory", "gpu"), c.scheduleByResources());
    assertEquals(Map.of("license", 4L, "ConsumableMemory", 2048L), c.floatingResources());
    assertEquals(-1, c.maxJobReject());
    assertEquals(RejectAction.CANCEL, c.actionOnMaxReject());
    assertEquals(1000, c.fairShareTotalShares());
    assertEquals(Duration.ofHours(24), c.fairShareInterval());
    assertEquals(Set.of("root", "loadl", "alice"), c.administrators());
    assertTrue(c.isAdministrator("loadl"));
    assertFalse(c.isAdministrator("bob"));
  }

  @ParameterizedTest
  @CsvSource({"2s,PT2S", "500ms,PT0.5S", "3m,PT3M", "2h,PT2H", "1,PT1H"})
  void fairShareInterval_unitSuffix_accepted(String text, Duration expected) {
    assertEquals(expected, read("FAIR_SHARE_INTERVAL = " + text).fairShareInterval());
  }

  @Test
  void rejectLimitReached_countsRejectionsBeyondMaxJobReject() {
    assertTrue(SchedulingConfig.defaults().rejectLimitReached(1));
    assertFalse(read("MAX_JOB_REJECT = 2").rejectLimitReached(2));
    assertTrue(read("MAX_JOB_REJECT = 2").rejectLimitReached(3));
    assertFalse(read("MAX_JOB_REJECT = -1").rejectLimitReached(1_000_000));
  }

  @Test
  void changesFrom_sameText_noChange() {
    assertEquals(List.of(), read("SYSPRIO = 0 - QDate").changesFrom(read("SYSPRIO =  0 - QDate ")));
    assertEquals(read("SYSPRIO = 0 - QDate"), read("SYSPRIO = 0 - QDate"));
  }

  @Test
  void changesFrom_changedKeywords_listedInOrder() {
    assertEquals(List.of("SCHEDULER_TYPE", "SYSPRIO", "LOADL_ADMIN"),
        read("LOADL_ADMIN = nobody-else", "SYSPRIO = UserPrio", "SCHEDULER_TYPE = BACKFILL")
            .changesFrom(SchedulingConfig.defaults()));
  }

  @Test
  void from_blankValue_isTheDefault() {
    assertEquals(SchedulerType.LL_DEFAULT, read("SCHEDULER_TYPE =").schedulerType());
  }

  @Test
  void schedulerType_unknown_namesKeywordAndValue() {
    assertEquals("LoadL_config: SCHEDULER_TYPE = GANG: expected LL_DEFAULT or BACKFILL",
        error("SCHEDULER_TYPE = GANG"));
  }

  @Test
  void sysprio_unknownVariable_carriesParserMessage() {
    assertEquals("LoadL_config: SYSPRIO = 0 - Foo: unknown variable Foo at column 5", error("SYSPRIO = 0 - Foo"));
  }

  @Test
  void sysprio_syntaxError_carriesParserMessage() {
    assertEquals("LoadL_config: SYSPRIO = (QDate: unclosed '(' opened at column 1", error("SYSPRIO = (QDate"));
  }

  @Test
  void badValues_nameKeywordValueAndReason() {
    assertEquals("LoadL_config: MAX_JOB_REJECT = many: not a number", error("MAX_JOB_REJECT = many"));
    assertEquals("LoadL_config: MAX_JOB_REJECT = -2: expected -1 (unlimited) or a count from 0",
        error("MAX_JOB_REJECT = -2"));
    assertEquals("LoadL_config: ACTION_ON_MAX_REJECT = drop: expected HOLD, SYSHOLD or CANCEL",
        error("ACTION_ON_MAX_REJECT = drop"));
    assertEquals("LoadL_config: FAIR_SHARE_TOTAL_SHARES = -5: must not be negative",
        error("FAIR_SHARE_TOTAL_SHARES = -5"));
    assertEquals("LoadL_config: FAIR_SHARE_INTERVAL = 0: must be positive", error("FAIR_SHARE_INTERVAL = 0"));
    assertEquals("LoadL_config: FAIR_SHARE_INTERVAL = week: not a number", error("FAIR_SHARE_INTERVAL = week"));
    assertEquals("LoadL_config: FLOATING_RESOURCES = license(x): license(x): not a non-negative integer",
        error("FLOATING_RESOURCES = license(x)"));
    assertEquals("LoadL_config: FLOATING_RESOURCES = license 4: expected name(count) name(count) ..., "
        + "cannot read \"license 4\"", error("FLOATING_RESOURCES = license 4"));
  }
}
