package org.openll.common.security;

import java.util.Locale;
import java.util.Optional;

/** What a certificate lets its holder be: the subject's OU names it ({@code OU=startd,CN=node1}). */
public enum Role {
  NEGOTIATOR, SCHEDD, STARTD, CLIENT;

  /** The OU value of this role's certificates. */
  public String unitName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role whose OU value is {@code unit}, if any. */
  public static Optional<Role> ofUnit(String unit) {
    for (Role role : values()) {
      if (role.unitName().equalsIgnoreCase(unit)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
