package org.openll.schedd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.admin.AdminConfig;
import org.openll.common.config.ConfigException;
import org.openll.common.config.SchedulingConfig;

class ScheddConfigurationTest {
  @TempDir
  Path dir;

  @Test
  void constructor_missingFiles_emptyAdminAndDefaultKeywords() throws Exception {
    ScheddConfiguration config = new ScheddConfiguration(
        ScheddConfiguration.files(dir.resolve("LoadL_admin"), dir.resolve("LoadL_config")));
    assertEquals(AdminConfig.empty().classes(), config.admin().classes());
    assertEquals(SchedulingConfig.defaults().maxJobReject(), config.scheduling().maxJobReject());
  }

  @Test
  void reconfigure_badFile_configExceptionAndLastGoodKept() throws Exception {
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    ScheddConfiguration.Inputs good = new ScheddConfiguration.Inputs(AdminConfig.empty(), SchedulingConfig.defaults());
    ScheddConfiguration config = new ScheddConfiguration(() -> {
      if (failure.get() != null) {
        throw failure.get();
      }
      return good;
    });
    AdminConfig before = config.admin();
    failure.set(new ConfigException("LoadL_admin:3: expected keyword = value"));

    ConfigException e = assertThrows(ConfigException.class, config::reconfigure);

    assertEquals("LoadL_admin:3: expected keyword = value", e.getMessage());
    assertSame(before, config.admin());
  }

  @Test
  void reconfigure_unreadableAdminFile_failsAndKeepsTheLastGood() throws Exception {
    Path admin = dir.resolve("LoadL_admin");
    ScheddConfiguration config = new ScheddConfiguration(ScheddConfiguration.files(admin, dir.resolve("LoadL_config")));
    Files.createDirectory(admin); // a folder where the file should be: reading it fails
    assertThrows(java.io.IOException.class, config::reconfigure);
    assertEquals(List.of(), List.copyOf(config.admin().classes().keySet()));
  }

  @Test
  void changes_stanzaAdded_namedInTheResult() {
    AdminConfig empty = AdminConfig.empty();
    AdminConfig withClass = new AdminConfig(java.util.Map.of("short", empty.defaultClass().named("short")),
        java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), empty.defaultClass(), empty.defaultUser(),
        empty.defaultGroup());
    List<String> changes = ScheddConfiguration.changes(
        new ScheddConfiguration.Inputs(empty, SchedulingConfig.defaults()),
        new ScheddConfiguration.Inputs(withClass, SchedulingConfig.defaults()));
    assertEquals(List.of("class short"), changes);
  }
}
