package org.openll.negotiator.policy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.common.admin.AdminConfig;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.control.Reconfigurable;

/**
 * The negotiator's current {@link PolicyFiles}, swapped whole by {@code llctl reconfig}. Both files
 * are read and validated before anything changes, so a bad file leaves the last good pair in place.
 * Thread-safe: readers see either the old or the new pair, never a mix.
 */
public final class PolicyInputs implements Reconfigurable {
  /** Reads the files afresh; throws what {@link PolicyFiles#load} throws. */
  @FunctionalInterface
  public interface Loader {
    PolicyFiles load() throws IOException;
  }

  private static final Logger LOG = LogManager.getLogger(PolicyInputs.class);

  private final Loader loader;
  private volatile PolicyFiles current;

  /** Loads the files once now; throws when they are bad, so the daemon does not start on them. */
  public PolicyInputs(Loader loader) throws IOException {
    this.loader = loader;
    this.current = loader.load();
  }

  /** Fixed inputs, for tests and tools: reconfigure changes nothing. */
  public static PolicyInputs fixed(PolicyFiles files) {
    try {
      return new PolicyInputs(() -> files);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  public PolicyFiles current() {
    return current;
  }

  public SchedulingConfig config() {
    return current.config();
  }

  public AdminConfig admin() {
    return current.admin();
  }

  @Override
  public synchronized List<String> reconfigure() throws IOException {
    PolicyFiles next = loader.load();
    List<String> changed = changes(current, next);
    current = next;
    if (!changed.isEmpty()) {
      LOG.info("scheduling configuration reloaded: {}", changed);
    }
    return changed;
  }

  /** What differs between two configurations, one line per keyword or stanza. */
  static List<String> changes(PolicyFiles before, PolicyFiles after) {
    List<String> changed = new ArrayList<>();
    SchedulingConfig a = before.config();
    SchedulingConfig b = after.config();
    compare(changed, "SCHEDULER_TYPE", a.schedulerType(), b.schedulerType());
    compare(changed, "SYSPRIO", a.sysprio().toString(), b.sysprio().toString());
    compare(changed, "SCHEDULE_BY_RESOURCES", a.scheduleByResources(), b.scheduleByResources());
    compare(changed, "FLOATING_RESOURCES", a.floatingResources(), b.floatingResources());
    compare(changed, "MAX_JOB_REJECT", a.maxJobReject(), b.maxJobReject());
    compare(changed, "ACTION_ON_MAX_REJECT", a.actionOnMaxReject(), b.actionOnMaxReject());
    compare(changed, "FAIR_SHARE_TOTAL_SHARES", a.fairShareTotalShares(), b.fairShareTotalShares());
    compare(changed, "FAIR_SHARE_INTERVAL", a.fairShareInterval(), b.fairShareInterval());
    compare(changed, "LOADL_ADMIN", a.administrators(), b.administrators());
    AdminConfig x = before.admin();
    AdminConfig y = after.admin();
    stanzas(changed, "class", x.classes(), y.classes());
    stanzas(changed, "user", x.users(), y.users());
    stanzas(changed, "group", x.groups(), y.groups());
    stanzas(changed, "machine", x.machines(), y.machines());
    compare(changed, "class default", x.defaultClass(), y.defaultClass());
    compare(changed, "user default", x.defaultUser(), y.defaultUser());
    compare(changed, "group default", x.defaultGroup(), y.defaultGroup());
    return changed;
  }

  private static void compare(List<String> changed, String name, Object a, Object b) {
    if (!Objects.equals(a, b)) {
      changed.add(name);
    }
  }

  private static void stanzas(List<String> changed, String type, Map<String, ?> a, Map<String, ?> b) {
    TreeSet<String> names = new TreeSet<>(a.keySet());
    names.addAll(b.keySet());
    for (String name : names) {
      compare(changed, type + " " + name, a.get(name), b.get(name));
    }
  }
}
