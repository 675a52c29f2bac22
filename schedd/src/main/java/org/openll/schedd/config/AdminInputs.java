package org.openll.schedd.config;

import org.openll.common.admin.AdminConfig;
import org.openll.common.config.SchedulingConfig;

/**
 * The administration files as the schedd uses them now: LoadL_admin's stanzas and LoadL_config's
 * scheduling keywords. Each call answers the last good configuration; a reconfig swaps both at once.
 */
public interface AdminInputs {
  AdminConfig admin();

  SchedulingConfig scheduling();

  /**
   * Runs {@code listener} after each reconfig that swapped in new files (not after a refused one),
   * on the thread of the reconfig. Fixed inputs never change, so the default ignores it.
   */
  default void onChange(Runnable listener) {}

  /** Fixed inputs, for tests and for a schedd without administration files. */
  static AdminInputs of(AdminConfig admin, SchedulingConfig scheduling) {
    return new AdminInputs() {
      @Override
      public AdminConfig admin() {
        return admin;
      }

      @Override
      public SchedulingConfig scheduling() {
        return scheduling;
      }
    };
  }
}
