package org.openll.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadLConfigTest {
  @Test
  void getBoolean_takesTrueAndFalseInAnyCase_andTheDefaultWhenUnset() {
    LoadLConfig config = LoadLConfig.parse(List.of("A = TRUE", "B = false", "C = True "), "LoadL_config");

    assertTrue(config.getBoolean("A", false));
    assertFalse(config.getBoolean("b", true));
    assertTrue(config.getBoolean("C", false));
    assertTrue(config.getBoolean("UNSET", true));
  }

  @Test
  void getBoolean_ofAnotherWord_namesTheFileKeywordAndValue() {
    LoadLConfig config = LoadLConfig.parse(List.of("STARTER_SYNC_FINAL_RECORD = yes"), "LoadL_config");

    ConfigException e = assertThrows(ConfigException.class, () -> config.getBoolean("STARTER_SYNC_FINAL_RECORD", false));
    assertEquals("LoadL_config: STARTER_SYNC_FINAL_RECORD = yes: not true or false", e.getMessage());
  }
}
