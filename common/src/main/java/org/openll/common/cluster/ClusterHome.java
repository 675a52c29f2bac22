package org.openll.common.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * The folder of one personal cluster ({@code $OPENLL_HOME}, default {@code ~/.openll}) and the
 * fixed layout under it:
 *
 * <pre>
 *   LoadL_config            optional configuration (KEYWORD = value)
 *   run/NAME.addr           host:port of each running daemon, written once it listens
 *   run/master.pid          the master's pid while it runs
 *   spool/schedd/           the schedd's SQLite queue
 *   spool/startd-MACHINE/   each startd's spool (one folder per step)
 *   log/NAME.log            each daemon's log
 * </pre>
 *
 * <p>Daemons listen on ephemeral ports and publish them in {@code run/}, so two homes never clash
 * and a restarted daemon is found again by re-reading its file.
 */
public final class ClusterHome {
  public static final String ENV = "OPENLL_HOME";

  private final Path root;

  public ClusterHome(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** {@code $OPENLL_HOME}, or {@code ~/.openll} when it is unset or empty. */
  public static ClusterHome fromEnvironment(Map<String, String> env) {
    String value = env.get(ENV);
    if (value == null || value.isBlank()) {
      return new ClusterHome(Path.of(System.getProperty("user.home"), ".openll"));
    }
    return new ClusterHome(Path.of(value));
  }

  public Path root() {
    return root;
  }

  public Path configFile() {
    return root.resolve("LoadL_config");
  }

  /** The administration file, {@code LoadL_admin}: classes, users, groups, machines. */
  public Path adminFile() {
    return root.resolve("LoadL_admin");
  }

  public Path runDir() {
    return root.resolve("run");
  }

  public Path logDir() {
    return root.resolve("log");
  }

  public Path spoolDir() {
    return root.resolve("spool");
  }

  public Path scheddSpool() {
    return spoolDir().resolve("schedd");
  }

  public Path startdSpool(String machine) {
    return spoolDir().resolve("startd-" + machine);
  }

  public Path masterPidFile() {
    return runDir().resolve("master.pid");
  }

  /** The file where daemon {@code name} ("negotiator", "schedd", "startd-MACHINE") publishes its address. */
  /** The Unix-domain socket the commands of this machine call {@code daemonName} through. */
  public Path commandSocket(String daemonName) {
    return runDir().resolve(daemonName + ".cmd.sock");
  }

  public Path addressFile(String daemonName) {
    return runDir().resolve(daemonName + ".addr");
  }

  /** Publishes {@code hostPort} for {@code daemonName}, atomically: readers see the old or the new address. */
  public void publishAddress(String daemonName, String hostPort) throws IOException {
    Files.createDirectories(runDir());
    Path target = addressFile(daemonName);
    Path tmp = runDir().resolve(daemonName + ".addr.tmp");
    Files.writeString(tmp, hostPort + "\n");
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The published address of {@code daemonName}, if its file exists. */
  public Optional<String> readAddress(String daemonName) {
    try {
      String text = Files.readString(addressFile(daemonName)).trim();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Removes the published address of {@code daemonName}, when it stops. */
  public void withdrawAddress(String daemonName) {
    try {
      Files.deleteIfExists(addressFile(daemonName));
    } catch (IOException ignored) {
      // a stale file is harmless: clients report that nothing answers at that address
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
