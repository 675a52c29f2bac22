package org.openll.schedd.queue;

import org.openll.api.v1.HoldType;

/** Union and difference of LoadLeveler's two holds (user, system). Pure. */
final class HoldTypes {
  private HoldTypes() {}

  static HoldType plus(HoldType a, HoldType b) {
    return of(user(a) || user(b), system(a) || system(b));
  }

  static HoldType minus(HoldType a, HoldType b) {
    return of(user(a) && !user(b), system(a) && !system(b));
  }

  static boolean overlaps(HoldType a, HoldType b) {
    return (user(a) && user(b)) || (system(a) && system(b));
  }

  static String describe(HoldType type) {
    return switch (type) {
      case HOLD_TYPE_USER -> "user hold";
      case HOLD_TYPE_SYSTEM -> "system hold";
      case HOLD_TYPE_USERSYS -> "user and system hold";
      default -> "no hold";
    };
  }

  private static boolean user(HoldType t) {
    return t == HoldType.HOLD_TYPE_USER || t == HoldType.HOLD_TYPE_USERSYS;
  }

  private static boolean system(HoldType t) {
    return t == HoldType.HOLD_TYPE_SYSTEM || t == HoldType.HOLD_TYPE_USERSYS;
  }

  private static HoldType of(boolean user, boolean system) {
    if (user && system) {
      return HoldType.HOLD_TYPE_USERSYS;
    }
    return user ? HoldType.HOLD_TYPE_USER : system ? HoldType.HOLD_TYPE_SYSTEM : HoldType.HOLD_TYPE_NONE;
  }
}
