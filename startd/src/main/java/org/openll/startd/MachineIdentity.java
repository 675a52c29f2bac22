package org.openll.startd;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Who this startd is: its machine name, the CPUs it offers and the claim secret that permits for
 * it must carry. The secret is random per startd process, so permits issued to an earlier process
 * of the same machine are refused.
 */
public record MachineIdentity(String machine, int cpus, String claimSecret) {
  public MachineIdentity {
    if (cpus < 1) {
      throw new IllegalArgumentException("cpus must be >= 1, got " + cpus);
    }
  }

  /** A 128-bit random secret in hex. */
  public static String newClaimSecret() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
