package org.openll.startd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.openll.api.v1.MachineAd;
import org.openll.api.v1.RunningStep;

/**
 * Builds this machine's {@link MachineAd} from its identity, the claim table and {@code /proc}
 * ({@code meminfo} for memory, {@code loadavg} for the one-minute load). Unreadable files give 0.
 */
public final class MachineAdBuilder {
  private final MachineIdentity identity;
  private final ClaimTable claims;
  private final Path proc;
  private final String arch;

  public MachineAdBuilder(MachineIdentity identity, ClaimTable claims, Path proc, String osArch) {
    this.identity = identity;
    this.claims = claims;
    this.proc = proc;
    this.arch = normalizeArch(osArch);
  }

  public MachineAd build(String address) {
    MachineAd.Builder ad = MachineAd.newBuilder()
        .setMachine(identity.machine())
        .setAddress(address)
        .setCpus(identity.cpus())
        .setMemoryMb(memoryMb())
        .setArch(arch)
        .setOpsys("Linux")
        .setClaimSecret(identity.claimSecret())
        .setLoadAverage(loadAverage());
    ad.setContainment(identity.containment());
    for (Map.Entry<String, Integer> step : claims.snapshot().entrySet()) {
      ad.addRunning(RunningStep.newBuilder().setStepId(step.getKey()).setCpus(step.getValue()));
    }
    return ad.build();
  }

  /** The JDK says "amd64" where LoadLeveler and uname say "x86_64". */
  static String normalizeArch(String osArch) {
    return switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86-64" -> "x86_64";
      default -> osArch;
    };
  }

  long memoryMb() {
    try {
      for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.substring(9).trim().split("\\s+")[0]) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(proc.resolve("loadavg")).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
