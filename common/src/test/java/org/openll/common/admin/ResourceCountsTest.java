package org.openll.common.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceCountsTest {
  @Test
  void parse_itemsWithOrWithoutBlanks_canonicalNamesInOrder() {
    Map<String, Long> r = ResourceCounts.parse("consumablecpus(4)ConsumableMemory(2 gb) gpu(2), licence( 3 )");

    assertEquals(List.of("ConsumableCpus", "ConsumableMemory", "gpu", "licence"), List.copyOf(r.keySet()));
    assertEquals(List.of(4L, 2048L, 2L, 3L), List.copyOf(r.values()));
  }

  @ParameterizedTest
  @CsvSource({"512,512", "1gb,1024", "1.5 gb,1536", "1kb,1", "1mw,4", "100 mb,100"})
  void parse_memory_inMiBRoundedUp(String size, long mib) {
    assertEquals(Map.of("ConsumableVirtualMemory", mib), ResourceCounts.parse("ConsumableVirtualMemory(" + size + ")"));
  }

  @Test
  void parse_blank_isEmpty() {
    assertEquals(Map.of(), ResourceCounts.parse("  "));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "gpu(1) GPU(2);resource GPU is given twice",
      "gpu(-1);gpu(-1): not a non-negative integer",
      "ConsumableMemory(lots);ConsumableMemory(lots): not a size",
      "gpu(1) junk;expected name(count) name(count) ..., cannot read \"junk\""})
  void parse_bad_saysWhy(String text, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> ResourceCounts.parse(text)).getMessage());
  }
}
