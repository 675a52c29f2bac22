package org.openll.startd;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Who this startd is: its machine name, the CPUs it offers and the claim secret that permits for
 * it must carry, and how its starters contain steps ({@code cgroup-v2}, {@code cgroup-v1} or
 * {@code proc}, see {@link ContainmentProbe}). The secret is random per startd process, so permits issued to an earlier process
 * of the same machine are refused.
 */
public record MachineIdentity(String machine, int cpus, String claimSecret, String containment) {
  public MachineIdentity {
    if (cpus < 1) {
      throw new IllegalArgumentException("cpus must be >= 1, got " + cpus);
    }
  }

  public MachineIdentity(String machine, int cpus, String claimSecret) {
    this(machine, cpus, claimSecret, "proc");
  }

  /** The claim secret redacted: the identity may be logged, its secret never. */
  @Override
  public String toString() {
    return "MachineIdentity[machine=" + machine + ", cpus=" + cpus + ", claimSecret="
        + org.openll.common.grpc.Redaction.secret(claimSecret) + ", containment=" + containment + "]";
  }

  /** A 128-bit random secret in hex. */
  public static String newClaimSecret() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
