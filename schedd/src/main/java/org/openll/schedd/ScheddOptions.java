package org.openll.schedd;

import com.beust.jcommander.Parameter;
import java.util.Optional;
import org.openll.common.cluster.HostNames;

/** The schedd's own flags, beside {@link org.openll.common.daemon.DaemonOptions}. */
public final class ScheddOptions {
  @Parameter(names = "--name", description = "schedd host name, the first part of job and step ids (default: the short host name)")
  public String name;

  @Parameter(names = "--negotiator", description = "host:port of the negotiator (default: read run/negotiator.addr before each connection attempt)")
  public String negotiator;

  public String scheddName() {
    return name == null || name.isBlank() ? HostNames.shortName() : name;
  }

  public Optional<String> negotiatorAddress() {
    return Optional.ofNullable(negotiator).filter(s -> !s.isBlank());
  }
}
