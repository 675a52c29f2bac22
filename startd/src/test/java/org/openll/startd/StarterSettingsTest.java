package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepLaunch;
import org.openll.common.admin.AdminFile;
import org.openll.common.admin.ClassLimits;
import org.openll.common.config.LoadLConfig;

class StarterSettingsTest {
  private static StarterLaunch launchUnder(String... config) {
    StarterSettings settings = StarterSettings.from(LoadLConfig.parse(List.of(config), "LoadL_config"),
        new ContainmentProbe.Choice("proc", ""), new ClassLimits(AdminFile.empty()), Path.of("/notify"));
    return settings.apply(StarterLaunch.newBuilder(), StepLaunch.getDefaultInstance()).build();
  }

  @Test
  void finalRecord_isFsyncedOnlyWhenTheConfigurationAsks() {
    assertFalse(launchUnder().getSyncFinalRecord());
    assertTrue(launchUnder("STARTER_SYNC_FINAL_RECORD = TRUE").getSyncFinalRecord());
  }
}
