package org.openll.common.cluster;

import java.io.IOException;
import java.util.Optional;
import org.openll.common.config.ConfigException;

/**
 * Where a command finds a daemon of its cluster: the address the daemon published in
 * {@code run/NAME.addr} on this machine, else, for the schedd and the negotiator of a
 * multi-machine layout ({@link ClusterRoles}), the first {@code SCHEDD_HOST} or
 * {@code CENTRAL_MANAGER_LIST} host with its fixed port. Never throws: a broken configuration
 * just yields no address.
 */
public final class DaemonAddresses {
  private DaemonAddresses() {}

  /** {@code host:port} of {@code daemonName} ("schedd", "negotiator", "startd-M"), if known. */
  public static Optional<String> lookup(ClusterHome home, String daemonName) {
    Optional<String> published = home.readAddress(daemonName);
    if (published.isPresent() || !(daemonName.equals("schedd") || daemonName.equals("negotiator"))) {
      return published;
    }
    try {
      ClusterRoles roles = ClusterRoles.load(home, HostNames.localName(System.getenv()));
      return daemonName.equals("schedd") ? roles.scheddAddress() : roles.negotiatorAddress();
    } catch (IOException | ConfigException e) {
      return Optional.empty(); // not logged: a command must not load a logging framework to start
    }
  }
}
