package org.openll.schedd.config;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.control.DaemonControlService;
import org.openll.schedd.admin.ScheddAdmin;

/**
 * LoadL_admin and LoadL_config of the cluster home as {@link AdminInputs}, reloaded by the
 * {@code DaemonControl.Reconfig} call ({@link DaemonControlService}). Needs {@link ClusterHome}.
 */
public final class ConfigModule extends AbstractModule {

  @Override
  protected void configure() {
    bind(AdminInputs.class).to(ScheddConfiguration.class);
  }

  @Provides
  @Singleton
  ScheddConfiguration configuration(ClusterHome home) {
    try {
      return new ScheddConfiguration(ScheddConfiguration.files(home.adminFile(), home.configFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the administration files: " + e.getMessage(), e);
    }
  }

  @Provides
  @Singleton
  DaemonControlService control(ScheddConfiguration configuration, ScheddAdmin admin) {
    return new DaemonControlService("schedd", configuration, admin,
        user -> configuration.scheduling().isAdministrator(user));
  }
}
