package org.openll.common.jcf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyTest {
  private static Optional<Boolean> eval(String expression, Map<String, Integer> finished) {
    return Dependency.parse(expression).evaluate(step -> Optional.ofNullable(finished.get(step)));
  }

  @Test
  void realForms_parseAndNameTheirSteps() {
    assertEquals(Set.of("monthlymeans", "monthlyVT"),
        Dependency.parse("(monthlymeans == 0 && monthlyVT == 0 )").stepNames());
    assertEquals(Set.of("hf"), Dependency.parse("hf==0").stepNames());
    assertEquals(List.of("step_1"), List.copyOf(Dependency.parse("(step_1==0 || step_1!=0)").stepNames()));
  }

  @Test
  void evaluate_unfinishedStep_isUndecided() {
    assertEquals(Optional.empty(), eval("step1 == 0", Map.of()));
  }

  @Test
  void evaluate_exitCodes_decideTerms() {
    assertEquals(Optional.of(true), eval("step1 == 0", Map.of("step1", 0)));
    assertEquals(Optional.of(false), eval("step1 == 0", Map.of("step1", 3)));
    assertEquals(Optional.of(true), eval("step1 >= 2 && step1 < 4", Map.of("step1", 3)));
  }

  @Test
  void evaluate_symbolicCodes_matchLoadLevelerNumbers() {
    assertEquals(Optional.of(true), eval("step1 == CC_REMOVED", Map.of("step1", 1001)));
    assertEquals(Optional.of(true), eval("step2 == cc_notrun", Map.of("step2", 1002)));
  }

  @Test
  void evaluate_partlyKnown_decidesWhenTheKnownPartSettlesIt() {
    assertEquals(Optional.of(false), eval("a == 0 && b == 0", Map.of("a", 1)));
    assertEquals(Optional.of(true), eval("a == 0 || b == 0", Map.of("a", 0)));
    assertEquals(Optional.empty(), eval("a == 0 && b == 0", Map.of("a", 0)));
  }

  @Test
  void parse_badInput_saysWhatAndWhere() {
    assertEquals("expected one of == != < <= > >= at column 7",
        assertThrows(IllegalArgumentException.class, () -> Dependency.parse("step1 = 0")).getMessage());
    assertEquals("missing \")\" at column 12",
        assertThrows(IllegalArgumentException.class, () -> Dependency.parse("(step1 == 0")).getMessage());
    assertEquals("\"zero\" is not an exit code, CC_NOTRUN or CC_REMOVED",
        assertThrows(IllegalArgumentException.class, () -> Dependency.parse("step1 == zero")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Dependency.parse("(".repeat(500) + "a==0" + ")".repeat(500)));
  }
}
