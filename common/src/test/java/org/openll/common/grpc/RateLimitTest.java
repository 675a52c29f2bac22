package org.openll.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

class RateLimitTest {
  @Test
  void parse_rateAndBurst_readsBoth() {
    assertEquals(new RateLimit(200, 400), RateLimit.parse("SCHEDD_SUBMIT_RATE", "200/s burst 400"));
    assertEquals(new RateLimit(5, 7), RateLimit.parse("K", "5 /s  BURST 7"));
  }

  @Test
  void parse_rateAlone_burstTwiceTheRate() {
    assertEquals(new RateLimit(50, 100), RateLimit.parse("K", "50"));
    assertEquals(new RateLimit(50, 100), RateLimit.parse("K", "50/s"));
  }

  @Test
  void parse_zero_unlimited() {
    assertTrue(RateLimit.parse("K", "0").isUnlimited());
    assertTrue(RateLimit.parse("K", "0/s burst 10").isUnlimited());
  }

  @Test
  void parse_garbage_configExceptionNamingKeywordAndValue() {
    ConfigException e = assertThrows(ConfigException.class, () -> RateLimit.parse("SCHEDD_QUERY_RATE", "fast"));
    assertTrue(e.getMessage().startsWith("SCHEDD_QUERY_RATE = fast: expected"), e.getMessage());
    assertThrows(ConfigException.class, () -> RateLimit.parse("K", "10/s burst 0"));
    assertThrows(ConfigException.class, () -> RateLimit.parse("K", "99999999999"));
  }

  @Test
  void from_absentKeyword_fallback() {
    LoadLConfig config = LoadLConfig.parse(List.of("SCHEDD_SUBMIT_RATE = 10/s burst 20"), "LoadL_config");
    assertEquals(new RateLimit(10, 20), RateLimit.from(config, "SCHEDD_SUBMIT_RATE", RateLimit.unlimited()));
    assertEquals(new RateLimit(1, 1), RateLimit.from(config, "SCHEDD_QUERY_RATE", new RateLimit(1, 1)));
  }
}
