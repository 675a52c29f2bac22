package org.openll.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

class LogSettingsTest {
  private static LoadLConfig config(String... lines) {
    return LoadLConfig.parse(List.of(lines), "LoadL_config");
  }

  @Test
  void from_noKeywords_tenMegabytesFiveFiles() {
    assertEquals(new LogSettings(10L * 1024 * 1024, 5), LogSettings.from(config()));
  }

  @Test
  void from_sizesWithUnits_bytes() {
    assertEquals(4096, LogSettings.from(config("LOG_MAX_SIZE = 4096")).maxBytes());
    assertEquals(64 * 1024, LogSettings.from(config("LOG_MAX_SIZE = 64 KB")).maxBytes());
    assertEquals(2L * 1024 * 1024, LogSettings.from(config("LOG_MAX_SIZE = 2mb")).maxBytes());
    assertEquals(3, LogSettings.from(config("LOG_MAX_FILES = 3")).maxFiles());
  }

  @Test
  void from_badValues_configExceptionNamingKeyword() {
    ConfigException size = assertThrows(ConfigException.class, () -> LogSettings.from(config("LOG_MAX_SIZE = big")));
    assertTrue(size.getMessage().startsWith("LOG_MAX_SIZE = big"), size.getMessage());
    assertThrows(ConfigException.class, () -> LogSettings.from(config("LOG_MAX_SIZE = 0")));
    assertThrows(ConfigException.class, () -> LogSettings.from(config("LOG_MAX_FILES = 0")));
  }

  @Test
  void jvmFlags_fileAndLimits_systemPropertiesLog4jReads() {
    List<String> flags = new LogSettings(1000, 2).jvmFlags(Path.of("/h/log/schedd.log"));

    assertEquals(List.of("-Dopenll.log.file=/h/log/schedd.log", "-Dopenll.log.maxBytes=1000",
        "-Dopenll.log.maxFiles=2"), flags);
  }
}
