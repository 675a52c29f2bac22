package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

/** STARTER_POOL_SIZE and STARTER_MAX_STEPS as the startd reads them. */
class PoolSettingsTest {
  private static StepLauncher.PoolSettings read(String... lines) {
    return LaunchModule.poolSettings(LoadLConfig.parse(List.of(lines), "LoadL_config"), 4);
  }

  @Test
  void noKeywords_poolOfTheMachinesCpusEachServing5000Steps() {
    assertEquals(new StepLauncher.PoolSettings(4, 5000), read());
  }

  @Test
  void keywords_setSizeAndStepsPerStarter_zeroIsNoPool() {
    assertEquals(new StepLauncher.PoolSettings(0, 1), read("STARTER_POOL_SIZE = 0", "STARTER_MAX_STEPS = 1"));
  }

  @Test
  void badValues_areRefusedNamingTheKeyword() {
    assertEquals("STARTER_POOL_SIZE must be 0 or more, got -1",
        assertThrows(ConfigException.class, () -> read("STARTER_POOL_SIZE = -1")).getMessage());
    assertEquals("STARTER_MAX_STEPS must be 1 or more, got 0",
        assertThrows(ConfigException.class, () -> read("STARTER_MAX_STEPS = 0")).getMessage());
    assertThrows(ConfigException.class, () -> read("STARTER_POOL_SIZE = many"));
  }
}
