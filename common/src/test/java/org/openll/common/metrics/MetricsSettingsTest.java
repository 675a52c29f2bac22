package org.openll.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

class MetricsSettingsTest {
  private static LoadLConfig config(String... lines) {
    return LoadLConfig.parse(List.of(lines), "LoadL_config");
  }

  @Test
  void from_noKeyword_enabledOnEphemeralPort() {
    MetricsSettings settings = MetricsSettings.from(config(), "SCHEDD");

    assertTrue(settings.enabled());
    assertEquals(0, settings.port());
  }

  @Test
  void from_daemonKeyword_winsOverCommonOne() {
    MetricsSettings settings = MetricsSettings.from(config("METRICS_PORT = 9100", "SCHEDD_METRICS_PORT = 9101"), "schedd");

    assertEquals(new MetricsSettings(true, 9101), settings);
    assertEquals(new MetricsSettings(true, 9100), MetricsSettings.from(config("METRICS_PORT = 9100"), "NEGOTIATOR"));
  }

  @Test
  void from_offOrNegative_disabled() {
    assertFalse(MetricsSettings.from(config("METRICS_PORT = off"), "STARTD").enabled());
    assertFalse(MetricsSettings.from(config("STARTD_METRICS_PORT = -1"), "STARTD").enabled());
  }

  @Test
  void from_garbage_configExceptionNamingKeyword() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> MetricsSettings.from(config("NEGOTIATOR_METRICS_PORT = http"), "NEGOTIATOR"));
    assertTrue(e.getMessage().startsWith("NEGOTIATOR_METRICS_PORT = http"), e.getMessage());
    assertThrows(ConfigException.class, () -> MetricsSettings.from(config("METRICS_PORT = 70000"), "SCHEDD"));
  }
}
