package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.StepLimits;
import org.openll.common.admin.ClassStanza;

class ClassLimitRulesTest {
  static LimitValue amount(long v) {
    return LimitValue.newBuilder().setAmount(v).build();
  }

  static Limit limit(long hard, long soft) {
    return Limit.newBuilder().setHard(amount(hard)).setSoft(amount(soft)).build();
  }

  static ClassStanza withLimits(StepLimits limits, StepLimits defaults) {
    return new ClassStanza("long", 0, Set.of(), Set.of(), Set.of(), Set.of(), -1, -1, -1, -1, limits, defaults,
        List.of(), "", Map.of());
  }

  @Test
  void apply_stepAboveClass_cappedPartByPart() {
    StepLimits step = StepLimits.newBuilder().setWallClockLimit(limit(7200, 7000)).build();
    ClassStanza cls = withLimits(StepLimits.newBuilder().setWallClockLimit(limit(3600, 1800)).build(),
        StepLimits.getDefaultInstance());

    assertEquals(limit(3600, 1800), ClassLimitRules.apply(step, cls).getWallClockLimit());
  }

  @Test
  void apply_stepWithoutLimit_takesTheClassDefaultElseTheClassLimit() {
    ClassStanza cls = withLimits(
        StepLimits.newBuilder().setWallClockLimit(limit(3600, 3600)).setCpuLimit(limit(100, 90)).build(),
        StepLimits.newBuilder().setWallClockLimit(limit(600, 500)).build());

    StepLimits out = ClassLimitRules.apply(StepLimits.getDefaultInstance(), cls);

    assertEquals(limit(600, 500), out.getWallClockLimit());
    assertEquals(limit(100, 90), out.getCpuLimit());
    assertFalse(out.hasDataLimit());
  }

  @Test
  void apply_softAboveTheCappedHard_loweredToIt() {
    StepLimits step = StepLimits.newBuilder().setWallClockLimit(Limit.newBuilder().setSoft(amount(5000))).build();
    ClassStanza cls = withLimits(StepLimits.newBuilder()
        .setWallClockLimit(Limit.newBuilder().setHard(amount(3600))).build(), StepLimits.getDefaultInstance());

    assertEquals(limit(3600, 3600), ClassLimitRules.apply(step, cls).getWallClockLimit());
  }

  @Test
  void apply_unlimitedStep_cappedByTheClassAmount() {
    StepLimits step = StepLimits.newBuilder().setWallClockLimit(Limit.newBuilder()
        .setHard(LimitValue.newBuilder().setUnlimited(true))).build();
    ClassStanza cls = withLimits(StepLimits.newBuilder()
        .setWallClockLimit(Limit.newBuilder().setHard(amount(60))).build(), StepLimits.getDefaultInstance());

    assertEquals(amount(60), ClassLimitRules.apply(step, cls).getWallClockLimit().getHard());
  }

  @Test
  void apply_noClassLimits_stepUnchanged() {
    StepLimits step = StepLimits.newBuilder().setWallClockLimit(limit(10, 5)).build();
    assertEquals(step, ClassLimitRules.apply(step, Admin.cls("short")));
  }
}
