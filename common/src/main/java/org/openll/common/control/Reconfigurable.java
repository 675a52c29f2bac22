package org.openll.common.control;

import java.util.List;

/**
 * A daemon's part in {@code llctl reconfig}: reread LoadL_config and LoadL_admin and apply what it
 * uses of them. Implementations parse everything before they change anything, so a bad file leaves
 * the daemon on its last good configuration.
 */
public interface Reconfigurable {
  /**
   * @return what changed, one line each (e.g. "SYSPRIO", "class small"); empty when nothing did
   * @throws org.openll.common.config.ConfigException naming the file and line (or keyword) that is wrong
   * @throws java.io.IOException when a file cannot be read
   */
  List<String> reconfigure() throws java.io.IOException;
}
