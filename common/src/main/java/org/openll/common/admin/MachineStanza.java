package org.openll.common.admin;

import java.util.Map;

/**
 * A machine stanza.
 *
 * @param resources {@code resources = name(count) ...}: consumables the machine offers (GPU,
 *     licences; ConsumableMemory in MiB overrides the memory the startd measures)
 * @param keywords every keyword of the stanza (lower case) with its text
 */
public record MachineStanza(String name, Map<String, Long> resources, Map<String, String> keywords) {
  public MachineStanza {
    resources = Map.copyOf(resources);
    keywords = Map.copyOf(keywords);
  }

  /** This stanza under another name (a machine without its own stanza gets the default's values). */
  public MachineStanza named(String other) {
    return new MachineStanza(other, resources, keywords);
  }
}
