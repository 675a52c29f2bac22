package org.openll.schedd.queue;

import com.google.protobuf.Descriptors.FieldDescriptor;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.StepLimits;
import org.openll.common.admin.ClassStanza;

/**
 * A step's limits under its class's rules, applied at submit: a limit the step does not set takes
 * the class's {@code default_*_limit}, else the class's {@code *_limit}; then each part (hard, soft)
 * is capped at the class's {@code *_limit} part, and a soft part above the hard one is lowered to
 * it. The startd caps again at launch with the same rule (startd LimitCap), which leaves a limit
 * made here unchanged. Pure.
 */
final class ClassLimitRules {
  private ClassLimitRules() {}

  static StepLimits apply(StepLimits step, ClassStanza cls) {
    StepLimits.Builder out = StepLimits.newBuilder();
    for (FieldDescriptor field : StepLimits.getDescriptor().getFields()) {
      Limit own = (Limit) step.getField(field);
      Limit dflt = (Limit) cls.defaultLimits().getField(field);
      Limit max = (Limit) cls.limits().getField(field);
      Limit start = isSet(own) ? own : isSet(dflt) ? dflt : max;
      Limit capped = cap(start, max);
      if (isSet(capped)) {
        out.setField(field, capped);
      }
    }
    return out.build();
  }

  private static boolean isSet(Limit limit) {
    return limit.hasHard() || limit.hasSoft();
  }

  static Limit cap(Limit step, Limit cls) {
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
