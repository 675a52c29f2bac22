package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.StepLimits;

class LimitCapTest {
  private static Limit limit(long hard, long soft) {
    return Limit.newBuilder().setHard(LimitValue.newBuilder().setAmount(hard))
        .setSoft(LimitValue.newBuilder().setAmount(soft)).build();
  }

  @Test
  void apply_stepAboveClass_cappedByClass() {
    StepLimits step = StepLimits.newBuilder().setWallClockLimit(limit(7200, 7000)).build();
    StepLimits cls = StepLimits.newBuilder().setWallClockLimit(limit(3600, 3000)).build();

    assertEquals(limit(3600, 3000), LimitCap.apply(step, cls).getWallClockLimit());
  }

  @Test
  void apply_stepSetsNone_classApplies() {
    StepLimits cls = StepLimits.newBuilder().setRssLimit(limit(1 << 30, 1 << 29)).build();

    assertEquals(limit(1 << 30, 1 << 29), LimitCap.apply(StepLimits.getDefaultInstance(), cls).getRssLimit());
  }

  @Test
  void apply_unlimitedStepAndClassAmount_classAmount() {
    Limit unlimited = Limit.newBuilder().setHard(LimitValue.newBuilder().setUnlimited(true)).build();
    StepLimits step = StepLimits.newBuilder().setCpuLimit(unlimited).build();
    StepLimits cls = StepLimits.newBuilder().setCpuLimit(Limit.newBuilder().setHard(LimitValue.newBuilder().setAmount(60))).build();

    Limit capped = LimitCap.apply(step, cls).getCpuLimit();
    assertEquals(60, capped.getHard().getAmount());
    assertFalse(capped.hasSoft());
  }

  @Test
  void apply_stepSoftAboveCappedHard_softLoweredToHard() {
    StepLimits step = StepLimits.newBuilder().setWallClockLimit(limit(7200, 5000)).build();
    StepLimits cls = StepLimits.newBuilder().setWallClockLimit(Limit.newBuilder()
        .setHard(LimitValue.newBuilder().setAmount(3600))).build();

    assertEquals(limit(3600, 3600), LimitCap.apply(step, cls).getWallClockLimit());
  }
}
