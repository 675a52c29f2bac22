package org.openll.schedd.queue;

import com.google.protobuf.Descriptors.FieldDescriptor;
import org.openll.api.v1.Limit;
import org.openll.api.v1.StepLimits;
import org.openll.common.admin.ClassStanza;
import org.openll.common.admin.LimitCaps;

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
    return LimitCaps.cap(step, cls);
  }
}
