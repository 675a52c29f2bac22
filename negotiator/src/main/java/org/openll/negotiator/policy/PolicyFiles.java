package org.openll.negotiator.policy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.openll.common.admin.AdminConfig;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.config.SchedulingConfig;

/** The scheduling keywords of LoadL_config and the stanzas of LoadL_admin, read together. Immutable. */
public record PolicyFiles(SchedulingConfig config, AdminConfig admin) {
  /** The admin file's name in the cluster home, as the startd reads it. */

  public PolicyFiles {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(admin, "admin");
  }

  public static PolicyFiles defaults() {
    return new PolicyFiles(SchedulingConfig.defaults(), AdminConfig.empty());
  }

  /**
   * Reads and validates both files of {@code home} (a missing file is an empty one).
   *
   * @throws org.openll.common.config.ConfigException naming the file, line or keyword that is wrong
   */
  public static PolicyFiles load(ClusterHome home) throws IOException {
    return load(home.configFile(), home.adminFile());
  }

  public static PolicyFiles load(Path configFile, Path adminFile) throws IOException {
    SchedulingConfig config = SchedulingConfig.from(LoadLConfig.load(configFile));
    AdminConfig admin = AdminConfig.load(adminFile);
    return new PolicyFiles(config, admin);
  }
}
