package org.openll.common.expr;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deterministic fuzzing that runs on every build: mutates real expressions thousands of times with
 * a fixed seed and checks {@link ExpressionFuzzTest#checkOne} on each. Complements the Jazzer test,
 * which only replays its seeds unless run with {@code JAZZER_FUZZ=1}.
 */
class ExpressionMutationTest {
  private static final List<String> REAL = List.of(
      "(Arch == \"R6000\") && (OpSys == \"AIX53\")",
      "(Machine == { \"ll6\" \"ll5\" \"ll0\" })",
      "Feature == \"dev\"",
      "Memory >= 4096",
      "(Memory > 1024) && (Disk >= 500000) || !(LoadAvg > 2.5) && Pool != -1",
      "Class == { \"small\" \"long\" } && LL_Version >= \"3.5\"");
  private static final List<String> PIECES = List.of(
      "(", ")", "!", "{", "}", "\"", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "&", "|", "=",
      "-", ".", "1", "-0.5", "1e5", "Memory", "\"x\"", " ", "\u0000", "\u00e9", "\uD83D\uDE00", "\\", "#");

  @Test
  @Timeout(value = 60)
  void parse_mutatedRealExpressions_onlySyntaxErrorsOrResults() {
    Random random = new Random(20250101L);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder(REAL.get(random.nextInt(REAL.size())));
      int edits = 1 + random.nextInt(6);
      for (int e = 0; e < edits; e++) {
        mutate(text, random);
      }
      ExpressionFuzzTest.checkOne(text.toString());
    }
  }

  @Test
  @Timeout(value = 10)
  void parse_pathologicalInputs_boundedTime() {
    ExpressionFuzzTest.checkOne("(".repeat(1_000_000));
    ExpressionFuzzTest.checkOne("!".repeat(16_000) + "Memory > 1");
    ExpressionFuzzTest.checkOne("Machine == {" + " \"a\"".repeat(4_000) + " }");
    ExpressionFuzzTest.checkOne("Memory > 1" + " || Memory > 1".repeat(1_200));
    ExpressionFuzzTest.checkOne("\"" + "a".repeat(16_000));
    ExpressionFuzzTest.checkOne("1".repeat(16_000) + " == Memory");
    ExpressionFuzzTest.checkOne(Duration.ofDays(1).toString());
  }

  private static void mutate(StringBuilder text, Random random) {
    int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
    switch (random.nextInt(5)) {
      case 0 -> text.insert(at, PIECES.get(random.nextInt(PIECES.size())));
      case 1 -> {
        if (at < text.length()) {
          text.deleteCharAt(at);
        }
      }
      case 2 -> {
        if (at < text.length()) {
          text.setCharAt(at, (char) random.nextInt(128));
        }
      }
      case 3 -> {
        int end = Math.min(text.length(), at + random.nextInt(12));
        text.insert(random.nextInt(text.length() + 1), text.substring(at, end));
      }
      default -> text.insert(at, (char) random.nextInt(0x3000));
    }
  }
}
