package org.openll.schedd.queue;

import java.util.Collection;
import org.openll.api.v1.HoldType;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.errors.OpenllException;
import org.openll.schedd.store.StoredStep;

/**
 * Who may act on steps, as LoadLeveler has it: a user on their own steps, an administrator
 * ({@code LOADL_ADMIN}) on anyone's; system holds are placed and released by administrators only.
 * Refusals are PERMISSION_DENIED naming the first step of someone else. Pure.
 */
final class Permissions {
  private Permissions() {}

  /** Refuses unless {@code requester} owns every step of {@code steps} or is an administrator. */
  static void checkOwner(Collection<StoredStep> steps, String requester, SchedulingConfig config, String action) {
    if (config.isAdministrator(requester)) {
      return;
    }
    for (StoredStep step : steps) {
      if (!step.owner().equals(requester)) {
        throw OpenllException.permissionDenied("step " + step.stepId() + " belongs to " + step.owner() + ": "
            + requester + " may not " + action + " it (only its owner or an administrator in LOADL_ADMIN)");
      }
    }
  }

  /** Refuses a system hold (or USERSYS) asked by someone who is not an administrator. */
  static void checkHoldType(HoldType type, String requester, SchedulingConfig config, String action) {
    if ((type == HoldType.HOLD_TYPE_SYSTEM || type == HoldType.HOLD_TYPE_USERSYS) && !config.isAdministrator(requester)) {
      throw OpenllException.permissionDenied(requester + " may not " + action
          + " a system hold: only an administrator in LOADL_ADMIN may");
    }
  }
}
