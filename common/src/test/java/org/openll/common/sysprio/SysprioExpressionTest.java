package org.openll.common.sysprio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SysprioExpressionTest {
  /** Every variable a distinct value: classSysprio=1, userSysprio=2, ... groupUsedShares=15. */
  private static final SysprioVariables V =
      new SysprioVariables(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

  private static double eval(String text) {
    return SysprioExpression.parse(text).evaluate(V);
  }

  @Test
  void parse_loadLevelerExample_weighsClassUserGroupAndAge() {
    SysprioExpression e = SysprioExpression.parse(
        "(ClassSysprio * 100) + (UserSysprio * 10) + (GroupSysprio * 1) - (QDate)");
    assertEquals(100 + 20 + 3 - 5, e.evaluate(V));
    assertEquals(5000 - 1_700_000_000.0,
        e.evaluate(new SysprioVariables(50, 0, 0, 50, 1_700_000_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
  }

  @Test
  void parse_default_isMinusQDate() {
    assertEquals(-5, eval(SysprioExpression.DEFAULT));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "ClassSysprio;1", "usersysprio;2", "GROUPSYSPRIO;3", "UserPrio;4", "QDate;5",
      "UserQueuedJobs;6", "UserRunningJobs;7", "UserTotalJobs;8", "GroupQueuedJobs;9",
      "GroupRunningJobs;10", "GroupTotalJobs;11", "UserHasShares;12", "UserUsedShares;13",
      "GroupHasShares;14", "GroupUsedShares;15"})
  void parse_eachVariableInAnyCase_readsItsField(String name, double expected) {
    assertEquals(expected, eval(name));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "42;42", "2.5;2.5", ".5;0.5", "3.;3", "1 + 2 * 3;7", "(1 + 2) * 3;9", "10 - 4 - 3;3",
      "12 / 3 / 2;2", "-3;-3", "--3;3", "- (2 + 3) * 2;-10", "+4;4", "2 * -QDate;-10",
      "UserPrio/UserPrio;1", "  ( ( QDate ) )  ;5", "7/2;3.5"})
  void evaluate_arithmetic_followsPrecedenceAndAssociativity(String text, double expected) {
    assertEquals(expected, eval(text));
  }

  @Test
  void evaluate_divisionByZero_isZero() {
    assertEquals(0, eval("QDate / 0"));
    assertEquals(0, eval("1 / (UserPrio - 4)"));
    assertEquals(100, eval("100 + 1 / 0"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "(ClassSysprio * 100) + Foo;SYSPRIO: unknown variable Foo at column 24",
      "QDate +;SYSPRIO: unexpected end of expression at column 8",
      "QDate QDate;SYSPRIO: unexpected 'QDate' at column 7",
      "(QDate;SYSPRIO: unclosed '(' opened at column 1",
      "QDate);SYSPRIO: unexpected ')' at column 6",
      "QDate $ 2;SYSPRIO: unexpected '$' at column 7",
      "1.2.3;SYSPRIO: bad number 1.2.3 at column 1",
      "3abc;SYSPRIO: bad number 3abc at column 1",
      "* 2;SYSPRIO: unexpected '*' at column 1",
      "();SYSPRIO: unexpected ')' at column 2",
      "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;SYSPRIO: number too large 10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000 at column 1"})
  void parse_badText_namesTokenAndColumn(String text, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SysprioExpression.parse(text));
    assertEquals(message, e.getMessage());
  }

  @Test
  void parse_blank_isAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SysprioExpression.parse("   "));
    assertEquals("SYSPRIO: empty expression at column 4", e.getMessage());
  }

  @Test
  void parse_deepNesting_refusedNotStackOverflow() {
    String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SysprioExpression.parse(deep));
    assertEquals("SYSPRIO: more than 1000 operators at column 1001", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> SysprioExpression.parse("QDate" + " + QDate".repeat(2000)));
    assertThrows(IllegalArgumentException.class, () -> SysprioExpression.parse("-".repeat(5000) + "1"));
  }

  @Test
  void parse_manyOperatorsWithinBound_evaluates() {
    assertEquals(5 * 500, SysprioExpression.parse("QDate" + " + QDate".repeat(499)).evaluate(V));
  }

  @Test
  void parse_randomText_onlyIllegalArgument() {
    java.util.Random random = new java.util.Random(42);
    String alphabet = "()+-*/. 0123456789QDateUserPrioxyz\t$";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(30);
      for (int j = 0; j < length; j++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        double value = SysprioExpression.parse(text.toString()).evaluate(V);
        assertEquals(false, Double.isNaN(value), text.toString());
      } catch (IllegalArgumentException e) {
        assertEquals(true, e.getMessage().startsWith("SYSPRIO: "), e.getMessage());
      }
    }
  }

  @Test
  void text_isTheStrippedSource() {
    assertEquals("0 - (QDate)", SysprioExpression.parse("  0 - (QDate) ").text());
  }
}
