package org.openll.common.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {
  private static final Map<String, Value> MACHINE = Map.of(
      "arch", Value.text("x86_64"),
      "opsys", Value.text("Linux"),
      "machine", Value.text("ll5"),
      "memory", Value.number(4096),
      "cpus", Value.number(8),
      "feature", Value.texts(List.of("prepost", "gpu")),
      "loadavg", Value.number(0.75));
  private static final Attributes ATTRIBUTES = MACHINE::get;

  private static boolean eval(String text) {
    return ExpressionParser.parse(text).test(ATTRIBUTES);
  }

  @ParameterizedTest
  @CsvSource(delimiterString = "=>", value = {
      "Arch == \"x86_64\"                              => true",
      "Arch != \"x86_64\"                              => false",
      "OpSys == \"linux\"                              => true",
      "(Memory >= 4096)                                => true",
      "Memory > 4096                                   => false",
      "Memory < 8192 && Cpus <= 8                      => true",
      "Cpus > 8 || Memory == 4096                      => true",
      "!(Cpus > 8)                                     => true",
      "! Cpus == 8                                     => false",
      "LoadAvg < 1.5                                   => true",
      "LoadAvg >= 0.8                                  => false",
      "Machine == { \"ll6\" \"ll5\" \"ll0\" }          => true",
      "(Machine == { \"ll6\" \"ll0\" })                => false",
      "Machine != { \"ll6\" \"ll0\" }                  => true",
      "{ \"ll6\" \"ll5\" } == Machine                  => true",
      "Feature == \"prepost\"                          => true",
      "Feature == \"dev\"                              => false",
      "Feature != \"dev\"                              => true",
      "Feature == { \"dev\" \"gpu\" }                  => true",
      "Cpus == { 4 8 }                                 => true",
      "MEMORY >= 1024 && arch == \"X86_64\"            => true",
      "Arch > \"a\"                                    => true",
      "Memory >= -1                                    => true",
      "Memory == \"4096\"                              => false",
      "Memory != \"4096\"                              => true",
      "Memory < \"4096\"                               => false",
      "Cpus > 2 && (OpSys == \"AIX\" || Feature == \"gpu\") && !(Machine == \"ll0\") => true",
      "Arch == \"x\" || Arch == \"y\" && Cpus == 8     => false",
      "Cpus == 8 || Arch == \"y\" && Cpus == 1         => true",
  })
  void parse_validExpression_evaluatesAgainstMachine(String text, boolean expected) {
    assertEquals(expected, eval(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Disk > 5", "Disk != 5", "Disk == \"x\"", "Pool == { 1 2 }"})
  void comparison_unknownAttribute_isFalse(String text) {
    assertFalse(eval(text));
  }

  @Test
  void negation_ofUnknownAttributeComparison_isTrue() {
    assertTrue(eval("!(Disk > 5)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void parse_blank_isAlwaysTrue(String text) {
    assertSame(Requirements.ALWAYS, ExpressionParser.parse(text));
    assertSame(Requirements.ALWAYS, ExpressionParser.parse(null));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Arch == \"x86_64                | unterminated string starting at column 9",
      "Arch = \"x86_64\"               | unexpected character '=' at column 6",
      "Memory                          | expected a comparison operator after Memory, got end of expression",
      "(Memory > 5                     | expected ')', got end of expression",
      "Memory > 5)                     | expected end of expression, got ')' at column 11",
      "Memory > 5 &&                   | expected an attribute, a string, a number or a set, got end of expression",
      "Machine == { \"a\" Arch }       | expected a string, a number or '}' in a set, got 'Arch' at column 18",
      "Memory > 5 Cpus > 2             | expected end of expression, got 'Cpus' at column 12",
      "Memory > 1.2.3                  | bad number '1.2.3' at column 10",
      "Memory >> 5                     | expected an attribute, a string, a number or a set, got '>' at column 9",
      "Arch == \"a\" & Cpus == 1       | unexpected character '&' at column 13",
  })
  void parse_syntaxError_throwsWithPosition(String text, String message) {
    ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class, () -> ExpressionParser.parse(text));
    assertEquals(message, e.getMessage());
  }
}
