package org.openll.common.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.StepLimits;
import org.openll.common.config.ConfigException;

class ClassLimitsTest {
  private static final List<String> ADMIN = List.of(
      "# classes",
      "default: type = class",
      "  wall_clock_limit = 2:00:00",
      "short: type = class  # a short class",
      "  wall_clock_limit = 5:00,4:30",
      "  rss_limit = 2gb, \\",
      "      1.5 GB",
      "  core_limit = unlimited",
      "alice: type = user",
      "  default_class = short");

  @Test
  void of_classWithLimits_parsesTimesSizesAndUnlimited() {
    StepLimits limits = new ClassLimits(AdminFile.parse(ADMIN, "LoadL_admin")).of("short");

    assertEquals(300, limits.getWallClockLimit().getHard().getAmount());
    assertEquals(270, limits.getWallClockLimit().getSoft().getAmount());
    assertEquals(2L << 30, limits.getRssLimit().getHard().getAmount());
    assertEquals(3L << 29, limits.getRssLimit().getSoft().getAmount());
    assertTrue(limits.getCoreLimit().getHard().getUnlimited());
  }

  @Test
  void of_classWithoutStanza_getsDefaultStanza() {
    StepLimits limits = new ClassLimits(AdminFile.parse(ADMIN, "LoadL_admin")).of("long");

    assertEquals(7200, limits.getWallClockLimit().getHard().getAmount());
    assertFalse(limits.hasRssLimit());
  }

  @Test
  void of_noAdminFile_noLimits() {
    assertEquals(StepLimits.getDefaultInstance(), new ClassLimits(AdminFile.empty()).of("short"));
  }

  @Test
  void of_badValue_namesClassAndKeyword() {
    AdminFile admin = AdminFile.parse(List.of("x: type = class", "rss_limit = lots"), "LoadL_admin");

    ConfigException e = assertThrows(ConfigException.class, () -> new ClassLimits(admin).of("x"));
    assertEquals("class x: rss_limit: not a size: lots", e.getMessage());
  }

  @Test
  void parse_keywordOutsideStanza_namesLine() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AdminFile.parse(List.of("", "maxjobs = 3"), "LoadL_admin"));
    assertEquals("LoadL_admin:2: keyword outside a stanza", e.getMessage());
  }
}
