package org.openll.common.control;

/**
 * Who may run {@code llctl drain|resume|flush|purge} on a daemon: LOADL_ADMIN of its current
 * configuration (read at each call, so a reconfig applies at once).
 */
@FunctionalInterface
public interface Administrators {
  /** Nobody: every administrative request is refused. */
  Administrators NOBODY = user -> false;

  boolean isAdministrator(String user);
}
