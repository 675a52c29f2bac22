package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LlCtlTargetsTest {
  static final List<String> STARTDS = List.of("startd-h-1", "startd-h-2");

  @Test
  void parse_drainAlone_scheddAndEveryStartd() throws Exception {
    assertEquals(new LlCtlTargets(true, STARTDS, List.of()), LlCtlTargets.parse("drain", List.of(), List.of(), STARTDS));
  }

  @Test
  void parse_hostGiven_thatStartdOnly() throws Exception {
    assertEquals(new LlCtlTargets(false, List.of("startd-h-2"), List.of()),
        LlCtlTargets.parse("drain", List.of(), List.of("h-2"), STARTDS));
    assertEquals(new LlCtlTargets(false, List.of("startd-h-2"), List.of()),
        LlCtlTargets.parse("resume", List.of("startd"), List.of("startd-h-2"), STARTDS));
  }

  @Test
  void parse_startdClasses_splitAtBlanksAndCommas_allclassesMeansMachine() throws Exception {
    assertEquals(List.of("a", "b", "c"), LlCtlTargets.parse("drain", List.of("startd", "a,b", "c"), List.of(), STARTDS)
        .classes());
    assertEquals(List.of(), LlCtlTargets.parse("drain", List.of("startd", "allclasses"), List.of(), STARTDS).classes());
  }

  @Test
  void parse_badWords_failureNamingThem() {
    assertTrue(assertThrows(CommandFailure.class, () -> LlCtlTargets.parse("drain", List.of("negotiator"), List.of(),
        STARTDS)).getMessage().contains("negotiator"));
    assertThrows(CommandFailure.class, () -> LlCtlTargets.parse("drain", List.of("schedd", "small"), List.of(), STARTDS));
    assertThrows(CommandFailure.class, () -> LlCtlTargets.parse("flush", List.of("startd"), List.of(), STARTDS));
    assertThrows(CommandFailure.class, () -> LlCtlTargets.parse("drain", List.of(), List.of("h-3"), STARTDS));
  }

  @Test
  void parse_flush_startdsOnly() throws Exception {
    assertEquals(new LlCtlTargets(false, STARTDS, List.of()), LlCtlTargets.parse("flush", List.of(), List.of(), STARTDS));
  }
}
