package org.openll.startd;

import java.util.List;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.AdminFile;
import org.openll.common.config.LoadLConfig;

/**
 * This machine's configuration as read at one moment: LoadL_config with its local file applied,
 * LoadL_admin (as read and as typed stanzas) and the offer computed from them. Immutable.
 *
 * @param files the files read, for messages: the global config, the local one when present, the admin file
 */
public record MachineConfig(LoadLConfig config, AdminFile adminFile, AdminConfig admin, MachineOffer offer,
    List<String> files) {
  public MachineConfig {
    files = List.copyOf(files);
  }
}
