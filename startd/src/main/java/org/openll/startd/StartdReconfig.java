package org.openll.startd;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.common.admin.ClassLimits;
import org.openll.common.control.Reconfigurable;

/**
 * The startd's {@code llctl reconfig}: rereads LoadL_config, its {@code LOCAL_CONFIG} and
 * LoadL_admin, then gives the claim table the new {@link MachineOffer} (CLASS, FEATURE,
 * RESOURCES, POOL, MACHINE_ATTRIBUTES), which sends a fresh ad to the negotiator at once, and the
 * launcher its new starter settings (class limits, prologs, epilogs, ...) for the steps it starts
 * next. Running steps keep what they hold. Everything is read and checked before anything
 * changes: a bad file throws and the startd keeps its last good configuration. Thread-safe.
 */
public final class StartdReconfig implements Reconfigurable {
  private static final Logger LOG = LogManager.getLogger(StartdReconfig.class);

  /** Builds the launcher's settings from a configuration; throws ConfigException for a bad value. */
  @FunctionalInterface
  interface SettingsFactory {
    StarterSettings settings(MachineConfig config);
  }

  private final MachineConfigLoader loader;
  private final ClaimTable claims;
  private final StepLauncher launcher;
  private final SettingsFactory settings;
  private final AtomicReference<MachineConfig> current;

  StartdReconfig(MachineConfigLoader loader, MachineConfig initial, ClaimTable claims, StepLauncher launcher,
      SettingsFactory settings) {
    this.loader = loader;
    this.claims = claims;
    this.launcher = launcher;
    this.settings = settings;
    this.current = new AtomicReference<>(initial);
  }

  /** The settings of a real startd: its containment, the class limits of LoadL_admin, notifications under the home. */
  static SettingsFactory settingsFactory(ContainmentProbe.Choice containment, Path notifyDir) {
    return config -> StarterSettings.from(config.config(), containment, new ClassLimits(config.adminFile()),
        notifyDir);
  }

  /** The configuration in force. */
  public MachineConfig current() {
    return current.get();
  }

  @Override
  public synchronized List<String> reconfigure() throws IOException {
    MachineConfig next = loader.load();
    StarterSettings nextSettings = settings.settings(next);
    List<String> changed = next.offer().changesFrom(current.get().offer());
    current.set(next);
    launcher.settings(nextSettings);
    claims.offer(next.offer());
    LOG.info("reconfig from {}: {}", next.files(), changed.isEmpty() ? "the offer is unchanged" : changed);
    return changed;
  }
}
