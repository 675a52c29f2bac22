package org.openll.common.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequirementsTest {
  private static final Attributes AIX = Attributes.of(Map.of(
      "Arch", Value.text("R6000"),
      "OpSys", Value.text("AIX53"),
      "Machine", Value.text("ll5"),
      "Memory", Value.number(8192),
      "Disk", Value.number(2_000_000),
      "Feature", Value.texts(List.of("dev", "prepost")),
      "Pool", Value.ofAdString("2"),
      "Class", Value.texts(List.of("small", "Long")),
      "LL_Version", Value.text("3.5.1.4"),
      "ConsumableCpus", Value.number(3)));

  @ParameterizedTest
  @CsvSource(delimiterString = "=>", value = {
      "(Arch == \"R6000\") && (OpSys == \"AIX53\")        => true",
      "(Arch == \"R6000\") && (OpSys == \"AIX51\")        => false",
      "(Machine == { \"ll6\" \"ll5\" })                   => true",
      "Feature == \"dev\"                                 => true",
      "Memory >= 4096                                     => true",
      "Disk > 1000000                                     => true",
      "Disk >= 2000000.5                                  => false",
      "Pool == 2                                          => true",
      "Pool == \"2\"                                      => false",
      "Class == \"long\"                                  => true",
      "Class == { \"large\" \"small\" }                   => true",
      "Class != \"large\"                                 => true",
      "LL_Version == \"3.5.1.4\"                          => true",
      "LL_Version >= \"3.4\"                              => true",
      "ConsumableCpus >= 3 && ConsumableCpus < 3.5        => true",
      "Memory > -1 && Memory > -.5 && Memory < 8192.25    => true",
      "Speed > 0                                          => false",
      "!(Speed > 0)                                       => true",
  })
  void test_realExpressions_onMachineAd(String text, boolean expected) {
    assertEquals(expected, Requirements.parse(text).test(AIX), text);
  }

  @Test
  void classAny_equalsEveryClassAndIsNeverUnequal() {
    Attributes anyClass = Attributes.of(Map.of("Class", Value.any()));
    assertTrue(Requirements.parse("Class == \"whatever\"").test(anyClass));
    assertTrue(Requirements.parse("Class == { \"a\" \"b\" }").test(anyClass));
    assertFalse(Requirements.parse("Class != \"whatever\"").test(anyClass));
    assertFalse(Requirements.parse("Class < \"z\"").test(anyClass));
  }

  @Test
  void ofAdString_numbersBecomeNumbers_restText() {
    assertEquals(Value.number(2), Value.ofAdString("2"));
    assertEquals(Value.number(-1.5), Value.ofAdString(" -1.5 "));
    assertEquals(Value.text("2a"), Value.ofAdString("2a"));
    assertEquals(Value.text("1.2.3"), Value.ofAdString("1.2.3"));
    assertEquals(Value.text(""), Value.ofAdString(""));
    assertEquals(Value.number(5), Value.ofAdString("5."));
    assertEquals(Value.number(-0.25), Value.ofAdString("-.25"));
    for (String text : new String[] {"-", ".", "-.", "1e5", "+1", "1..2", "\u0663", "1".repeat(31), "0." + "1".repeat(31)}) {
      assertEquals(Value.text(text), Value.ofAdString(text), text);
    }
  }

  @Test
  void mentions_namedAttribute_caseInsensitive() {
    Requirements r = Requirements.parse("(Arch == \"R6000\") && (opsys == \"AIX53\") || Memory > 5");
    assertTrue(r.mentions("OpSys"));
    assertTrue(r.mentions("ARCH"));
    assertFalse(r.mentions("Machine"));
    assertEquals(Set.of("arch", "opsys", "memory"), r.attributeNames());
  }

  @Test
  void mentions_stringThatLooksLikeAttribute_doesNotCount() {
    assertFalse(Requirements.parse("Machine == \"OpSys\"").mentions("OpSys"));
    assertFalse(Requirements.ALWAYS.mentions("OpSys"));
  }

  @Test
  void of_sameText_parsedOnce() {
    assertSame(Requirements.of("Memory >= 4096"), Requirements.of(" Memory >= 4096 "));
    assertSame(Requirements.ALWAYS, Requirements.of(null));
    assertTrue(Requirements.ALWAYS.isAlways());
  }

  @Test
  void text_isStrippedSource() {
    assertEquals("Memory >= 4096", Requirements.parse("  Memory >= 4096\n").text());
  }

  @Test
  void test_throwingAttributeSource_isFalse() {
    Attributes broken = name -> {
      throw new IllegalStateException("boom");
    };
    assertFalse(Requirements.parse("Memory > 1").test(broken));
  }

  @Test
  void attributesOrElse_firstSourceWins() {
    Attributes a = Attributes.of(Map.of("Memory", Value.number(1))).orElse(AIX);
    assertTrue(Requirements.parse("Memory == 1 && Arch == \"r6000\"").test(a));
  }

  @Test
  void parse_tooLong_refused() {
    String text = "Memory > 1" + " || Memory > 1".repeat(ExpressionParser.MAX_LENGTH / 14);
    ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class, () -> Requirements.parse(text));
    assertEquals("expression is " + text.length() + " characters long, at most 16384 allowed", e.getMessage());
    assertThrows(ExpressionSyntaxException.class, () -> new ExpressionCache().compile(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"(", "!", "!("})
  void parse_nestedTooDeep_refusedWithoutStackOverflow(String opener) {
    String text = opener.repeat(5_000) + "Memory > 1";
    ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class, () -> Requirements.parse(text));
    assertTrue(e.getMessage().startsWith("expression nests deeper than 64 levels at"), e.getMessage());
  }

  @Test
  void parse_nestedAtLimit_accepted() {
    String text = "(".repeat(ExpressionParser.MAX_DEPTH) + "Memory > 1" + ")".repeat(ExpressionParser.MAX_DEPTH);
    assertTrue(Requirements.parse(text).test(AIX));
  }

  @Test
  void parse_hugeNumber_refused() {
    String text = "Memory > " + "9".repeat(400);
    assertEquals("number out of range at column 10",
        assertThrows(ExpressionSyntaxException.class, () -> Requirements.parse(text)).getMessage());
  }

  @Test
  void parse_longTokenInMessage_abbreviated() {
    String text = "Memory > 5 " + "x".repeat(1000);
    String message = assertThrows(ExpressionSyntaxException.class, () -> Requirements.parse(text)).getMessage();
    assertTrue(message.length() < 120, message);
  }

  @Test
  void parse_controlCharacter_namedAsEscape() {
    assertEquals("unexpected character '\\u0001' at column 8",
        assertThrows(ExpressionSyntaxException.class, () -> Requirements.parse("Memory \u0001 5")).getMessage());
  }
}
