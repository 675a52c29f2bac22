package org.openll.startd;

import com.beust.jcommander.Parameter;
import java.util.Optional;
import org.openll.common.cluster.HostNames;

/** The startd's own flags, beside {@link org.openll.common.daemon.DaemonOptions}. */
public final class StartdOptions {
  @Parameter(names = "--machine", description = "this machine's name in the cluster; default the short host name")
  public String machine;

  @Parameter(names = "--cpus", description = "CPUs (slots) this machine offers, >= 1; default the machine's CPUs")
  public Integer cpus;

  @Parameter(names = "--negotiator",
      description = "host:port of the negotiator; default re-read from HOME/run/negotiator.addr before every connection")
  public String negotiator;

  public String machineName() {
    return machine == null || machine.isBlank() ? HostNames.shortName() : machine;
  }

  public int cpuCount() {
    return cpus == null ? Runtime.getRuntime().availableProcessors() : cpus;
  }

  public Optional<String> negotiatorOverride() {
    return Optional.ofNullable(negotiator).filter(s -> !s.isBlank());
  }
}
