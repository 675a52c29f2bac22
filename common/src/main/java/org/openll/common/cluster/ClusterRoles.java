package org.openll.common.cluster;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

/**
 * Which machine runs which daemon and on which fixed ports, from LoadLeveler's keywords in
 * {@code LoadL_config}, overlaid by the machine's local configuration file that {@code LOCAL_CONFIG}
 * names (as the startd reads it: {@code $(host)}/{@code $(hostname)} is the machine's name,
 * {@code $(tilde)} the cluster home, {@code $(KEYWORD)} a global keyword; relative to the home; a
 * missing file is no error), so one configuration serves every machine:
 *
 * <ul>
 *   <li>{@code CENTRAL_MANAGER_LIST}: host names of the central manager; the first runs the
 *       negotiator (alternates are not started: no fail-over yet). A non-empty list turns on the
 *       multi-machine layout; without it the home is a personal cluster (ephemeral loopback ports,
 *       peers found through {@code run/*.addr}).
 *   <li>{@code SCHEDD_HOST}: the hosts that run a schedd; the first is the one commands talk to on a
 *       machine without a schedd of its own. {@code SCHEDD_RUNS_HERE = true|false} overrides the
 *       list for one machine.
 *   <li>{@code STARTD_RUNS_HERE = true|false} (default true): whether this machine executes steps.
 *   <li>{@code NEGOTIATOR_STREAM_PORT} (9614), {@code SCHEDD_STREAM_PORT} (9605),
 *       {@code STARTD_STREAM_PORT} (9611): the fixed ports; a machine with N startds uses
 *       STARTD_STREAM_PORT ... STARTD_STREAM_PORT + N - 1.
 * </ul>
 *
 * <p>Host names are compared without their domain and case-insensitively. Immutable.
 */
public record ClusterRoles(
    List<String> centralManagers,
    List<String> scheddHosts,
    Optional<Boolean> scheddRunsHere,
    boolean startdRunsHere,
    int negotiatorPort,
    int scheddPort,
    int startdPort) {
  public static final int DEFAULT_NEGOTIATOR_PORT = 9614;
  public static final int DEFAULT_SCHEDD_PORT = 9605;
  public static final int DEFAULT_STARTD_PORT = 9611;

  public ClusterRoles {
    centralManagers = List.copyOf(centralManagers);
    scheddHosts = List.copyOf(scheddHosts);
  }

  /**
   * The roles as machine {@code host} sees them: the home's LoadL_config overlaid by the
   * LOCAL_CONFIG file of {@code host}.
   *
   * @throws ConfigException naming the file of a syntax error or a bad value
   */
  public static ClusterRoles load(ClusterHome home, String host) throws IOException {
    return of(MachineLoadLConfig.load(home, host).config());
  }

  /** The roles {@code config} names; throws {@link ConfigException} on a bad boolean or port. */
  public static ClusterRoles of(LoadLConfig config) {
    return new ClusterRoles(
        hostList(config.getString("CENTRAL_MANAGER_LIST", "")),
        hostList(config.getString("SCHEDD_HOST", "")),
        config.get("SCHEDD_RUNS_HERE").map(v -> bool(config, "SCHEDD_RUNS_HERE", v)),
        config.get("STARTD_RUNS_HERE").map(v -> bool(config, "STARTD_RUNS_HERE", v)).orElse(true),
        port(config, "NEGOTIATOR_STREAM_PORT", DEFAULT_NEGOTIATOR_PORT),
        port(config, "SCHEDD_STREAM_PORT", DEFAULT_SCHEDD_PORT),
        port(config, "STARTD_STREAM_PORT", DEFAULT_STARTD_PORT));
  }

  /** True when CENTRAL_MANAGER_LIST names a host: the multi-machine layout applies. */
  public boolean configured() {
    return !centralManagers.isEmpty();
  }

  /** True when {@code host} is the primary central manager. */
  public boolean runsNegotiator(String host) {
    return configured() && same(centralManagers.get(0), host);
  }

  public boolean runsSchedd(String host) {
    return scheddRunsHere.orElseGet(() -> scheddHosts.stream().anyMatch(h -> same(h, host)));
  }

  public boolean runsStartd() {
    return startdRunsHere;
  }

  /** {@code host:port} of the primary central manager's negotiator, when configured. */
  public Optional<String> negotiatorAddress() {
    return configured() ? Optional.of(centralManagers.get(0) + ":" + negotiatorPort) : Optional.empty();
  }

  /** {@code host:port} of the first SCHEDD_HOST's schedd, when the layout names one. */
  public Optional<String> scheddAddress() {
    return configured() && !scheddHosts.isEmpty()
        ? Optional.of(scheddHosts.get(0) + ":" + scheddPort) : Optional.empty();
  }

  private static boolean same(String a, String b) {
    return HostNames.shorten(a).equalsIgnoreCase(HostNames.shorten(b));
  }

  private static List<String> hostList(String value) {
    return Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
  }

  private static boolean bool(LoadLConfig config, String keyword, String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw new ConfigException(config + ": " + keyword + " = " + value + ": not true or false");
    };
  }

  private static int port(LoadLConfig config, String keyword, int defaultPort) {
    int port = config.getInt(keyword, defaultPort);
    if (port < 1 || port > 65535) {
      throw new ConfigException(config + ": " + keyword + " = " + port + ": not a port (1-65535)");
    }
    return port;
  }
}
