package org.openll.common.metrics;

import java.util.Locale;
import java.util.Optional;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

/**
 * Where a daemon serves its Prometheus metrics: LoadL_config's {@code DAEMON_METRICS_PORT} (e.g.
 * {@code SCHEDD_METRICS_PORT}), else {@code METRICS_PORT}, else 0. Port 0 picks a free port; the
 * bound address is published in {@code run/NAME.metrics}. {@code off} (or a negative number)
 * serves no metrics. The server always binds the loopback address only.
 *
 * @param port the port to listen on, 0 for an ephemeral one; meaningless when not {@code enabled}
 */
public record MetricsSettings(boolean enabled, int port) {
  /** LoadL_config keyword every daemon reads when it has no keyword of its own. */
  public static final String PORT = "METRICS_PORT";

  public MetricsSettings {
    if (enabled && (port < 0 || port > 65_535)) {
      throw new IllegalArgumentException("metrics port out of range: " + port);
    }
  }

  public static MetricsSettings off() {
    return new MetricsSettings(false, 0);
  }

  /** The keyword of one daemon kind: {@code NEGOTIATOR}, {@code SCHEDD} or {@code STARTD} gives {@code NEGOTIATOR_METRICS_PORT}. */
  public static String daemonKeyword(String daemonKind) {
    return daemonKind.toUpperCase(Locale.ROOT) + "_" + PORT;
  }

  /** Reads the daemon's own keyword, then {@link #PORT}; a bad value is a {@link ConfigException} naming it. */
  public static MetricsSettings from(LoadLConfig config, String daemonKind) {
    String own = daemonKeyword(daemonKind);
    Optional<String> value = config.get(own);
    String keyword = own;
    if (value.isEmpty()) {
      value = config.get(PORT);
      keyword = PORT;
    }
    if (value.isEmpty()) {
      return new MetricsSettings(true, 0);
    }
    String v = value.get().strip();
    if (v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false") || v.equalsIgnoreCase("no")) {
      return off();
    }
    int port;
    try {
      port = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(keyword + " = " + v + ": expected a port number, 0 for any free port, or off");
    }
    if (port < 0) {
      return off();
    }
    if (port > 65_535) {
      throw new ConfigException(keyword + " = " + v + ": a port is at most 65535");
    }
    return new MetricsSettings(true, port);
  }
}
