package org.openll.negotiator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.common.config.LoadLConfig;

class NegotiatorSettingsTest {
  @Test
  void from_emptyConfig_usesPersonalClusterDefaults() {
    NegotiatorSettings settings = NegotiatorSettings.from(LoadLConfig.empty());
    assertEquals(new NegotiatorSettings(Duration.ofSeconds(1), Duration.ofSeconds(6), Duration.ofSeconds(30),
        Duration.ofMillis(2)), settings);
  }

  @Test
  void from_machineUpdateInterval_scalesDefaultTimeout() {
    LoadLConfig config = LoadLConfig.parse(List.of("MACHINE_UPDATE_INTERVAL = 500ms", "NEGOTIATOR_INTERVAL = 2"), "test");
    NegotiatorSettings settings = NegotiatorSettings.from(config);
    assertEquals(Duration.ofMillis(1500), settings.machineTimeout());
    assertEquals(Duration.ofSeconds(2), settings.interval());
  }

  @Test
  void from_explicitTimeout_wins() {
    LoadLConfig config = LoadLConfig.parse(List.of("MACHINE_TIMEOUT = 10", "MACHINE_UPDATE_INTERVAL = 1"), "test");
    assertEquals(Duration.ofSeconds(10), NegotiatorSettings.from(config).machineTimeout());
  }

  @Test
  void from_zeroInterval_isRejected() {
    LoadLConfig config = LoadLConfig.parse(List.of("NEGOTIATOR_INTERVAL = 0"), "test");
    assertThrows(IllegalArgumentException.class, () -> NegotiatorSettings.from(config));
  }
}
