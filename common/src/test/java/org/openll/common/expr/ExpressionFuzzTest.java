package org.openll.common.expr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;

/**
 * Jazzer fuzz test of the expression language. Without {@code JAZZER_FUZZ=1} it runs in regression
 * mode: once per seed under {@code src/test/resources/org/openll/common/expr/ExpressionFuzzTestInputs}.
 */
class ExpressionFuzzTest {
  static final Attributes MACHINE = Attributes.of(Map.of(
      "Arch", Value.text("x86_64"),
      "OpSys", Value.text("Linux"),
      "Machine", Value.text("ll5"),
      "Memory", Value.number(4096),
      "Feature", Value.texts(List.of("dev", "gpu")),
      "Class", Value.any()));

  @FuzzTest(maxDuration = "30s")
  void parseAndTest_anyText_onlySyntaxErrorsOrAResult(byte[] data) {
    checkOne(new String(data, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The property: a text either does not parse, with a short message, or evaluates without throwing. */
  static void checkOne(String text) {
    Requirements requirements;
    try {
      requirements = Requirements.parse(text);
    } catch (ExpressionSyntaxException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "empty message for " + text);
      assertTrue(e.getMessage().length() < 200, e.getMessage());
      return;
    }
    requirements.test(MACHINE);
    requirements.test(Attributes.NONE);
    for (String name : requirements.attributeNames()) {
      assertTrue(requirements.mentions(name));
    }
  }
}
