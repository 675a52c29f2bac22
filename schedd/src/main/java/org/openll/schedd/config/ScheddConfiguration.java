package org.openll.schedd.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.common.admin.AdminConfig;
import org.openll.common.config.LoadLConfig;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.control.Reconfigurable;

/**
 * The schedd's {@link AdminInputs}, read from the cluster home's LoadL_admin and LoadL_config at
 * start and again on {@code llctl reconfig}. Both files are read and validated before either is
 * swapped in, so a bad file (a {@link org.openll.common.config.ConfigException} naming the file and
 * line) leaves the schedd on its last good configuration. Thread-safe: readers see one consistent
 * pair.
 */
public final class ScheddConfiguration implements AdminInputs, Reconfigurable {
  private static final Logger LOG = LogManager.getLogger(ScheddConfiguration.class);

  /** Reads both files; throws ConfigException or IOException, changing nothing. */
  @FunctionalInterface
  public interface Source {
    Inputs read() throws IOException;
  }

  /** One consistent pair of configurations. */
  public record Inputs(AdminConfig admin, SchedulingConfig scheduling) {}

  private final Source source;
  private volatile Inputs current;
  private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Reads {@code source} once; a bad file fails the start. */
  public ScheddConfiguration(Source source) throws IOException {
    this.source = source;
    this.current = source.read();
  }

  /** The files {@code adminFile} (LoadL_admin) and {@code configFile} (LoadL_config); a missing file is an empty one. */
  public static Source files(Path adminFile, Path configFile) {
    return () -> new Inputs(AdminConfig.load(adminFile), SchedulingConfig.from(LoadLConfig.load(configFile)));
  }

  @Override
  public AdminConfig admin() {
    return current.admin();
  }

  @Override
  public SchedulingConfig scheduling() {
    return current.scheduling();
  }

  @Override
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  @Override
  public List<String> reconfigure() throws IOException {
    Inputs next = source.read();
    Inputs previous = current;
    current = next;
    List<String> changed = changes(previous, next);
    LOG.info("configuration reloaded: {}", changed.isEmpty() ? "nothing changed" : changed);
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.error("applying the new configuration failed; it applies at the next queue operation", e);
      }
    }
    return changed;
  }

  /** One line per stanza added, removed or changed, and one for the scheduling keywords. */
  static List<String> changes(Inputs before, Inputs after) {
    List<String> out = new ArrayList<>();
    diff("class", before.admin().classes(), after.admin().classes(), out);
    diff("user", before.admin().users(), after.admin().users(), out);
    diff("group", before.admin().groups(), after.admin().groups(), out);
    diff("machine", before.admin().machines(), after.admin().machines(), out);
    if (!before.admin().defaultClass().equals(after.admin().defaultClass())) {
      out.add("class default");
    }
    if (!before.admin().defaultUser().equals(after.admin().defaultUser())) {
      out.add("user default");
    }
    if (!before.admin().defaultGroup().equals(after.admin().defaultGroup())) {
      out.add("group default");
    }
    if (!sameScheduling(before.scheduling(), after.scheduling())) {
      out.add("scheduling keywords");
    }
    return out;
  }

  private static void diff(String type, Map<String, ?> before, Map<String, ?> after, List<String> out) {
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      if (!Objects.equals(before.get(name), after.get(name))) {
        out.add(type + " " + name);
      }
    }
  }

  private static boolean sameScheduling(SchedulingConfig a, SchedulingConfig b) {
    return a.schedulerType() == b.schedulerType() && a.sysprio().text().equals(b.sysprio().text())
        && a.scheduleByResources().equals(b.scheduleByResources())
        && a.floatingResources().equals(b.floatingResources()) && a.maxJobReject() == b.maxJobReject()
        && a.actionOnMaxReject() == b.actionOnMaxReject() && a.fairShareTotalShares() == b.fairShareTotalShares()
        && a.fairShareInterval().equals(b.fairShareInterval()) && a.administrators().equals(b.administrators());
  }
}
