package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;

class StepIdPatternTest {
  @Test
  void parse_fullStepId_matchesThatStepOnly() {
    StepIdPattern p = StepIdPattern.parse("node1.12.3", "node1");
    assertTrue(p.matches(12, 3));
    assertFalse(p.matches(12, 0));
    assertFalse(p.matches(1, 3));
  }

  @Test
  void parse_jobId_matchesEveryStepOfTheJob() {
    StepIdPattern p = StepIdPattern.parse("node1.12", "node1");
    assertTrue(p.matches(12, 0));
    assertTrue(p.matches(12, 7));
    assertFalse(p.matches(13, 0));
  }

  @Test
  void parse_withoutHost_numbersOnly() {
    assertTrue(StepIdPattern.parse("12", "node1").matches(12, 4));
    assertTrue(StepIdPattern.parse("12.4", "node1").matches(12, 4));
    assertFalse(StepIdPattern.parse("12.4", "node1").matches(12, 5));
  }

  @Test
  void parse_dottedScheddName_strippedWhole() {
    StepIdPattern p = StepIdPattern.parse("10.0.0.1.5.2", "10.0.0.1");
    assertTrue(p.matches(5, 2));
    assertTrue(StepIdPattern.parse("10.0.0.1.5", "10.0.0.1").matches(5, 0));
  }

  @Test
  void parse_otherSchedd_matchesNothing() {
    StepIdPattern p = StepIdPattern.parse("node2.12.3", "node1");
    assertTrue(p.isForeign());
    assertFalse(p.matches(12, 3));
  }

  @Test
  void parse_notAnId_invalidArgumentNamingIt() {
    for (String bad : new String[] {"", "abc", "node1.x", "12.", "12.x", ".12", "node1."}) {
      OpenllException e = assertThrows(OpenllException.class, () -> StepIdPattern.parse(bad, "node1"), bad);
      assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
      assertTrue(e.getMessage().startsWith("id " + bad + ":"), e.getMessage());
    }
  }
}
