package org.openll.common.admin;

import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;

/**
 * LoadLeveler's rule for a step's limit under its class's: each part (hard, soft) is the smaller of
 * the two, a part set on one side only is that one, and a soft part above the resulting hard part
 * is lowered to it. The schedd applies it at submit and the startd again at launch, so both agree.
 */
public final class LimitCaps {
  private LimitCaps() {}

  public static Limit cap(Limit step, Limit cls) {
    Limit.Builder out = Limit.newBuilder();
    LimitValue hard = smaller(step.hasHard() ? step.getHard() : null, cls.hasHard() ? cls.getHard() : null);
    LimitValue soft = smaller(step.hasSoft() ? step.getSoft() : null, cls.hasSoft() ? cls.getSoft() : null);
    if (hard != null) {
      out.setHard(hard);
    }
    if (soft != null) {
      out.setSoft(hard != null && smaller(soft, hard) == hard ? hard : soft);
    }
    return out.build();
  }

  /** The smaller of two parts; null means "not set", unlimited is larger than any amount. */
  private static LimitValue smaller(LimitValue a, LimitValue b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    if (!a.hasAmount()) {
      return b;
    }
    if (!b.hasAmount()) {
      return a;
    }
    return a.getAmount() <= b.getAmount() ? a : b;
  }
}
