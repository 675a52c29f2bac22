package org.openll.common.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExpressionCacheTest {
  private final ExpressionCache cache = new ExpressionCache();

  @Test
  void compile_sameTextTwice_returnsSameExpression() {
    Requirements first = cache.compile("Memory > 5");
    assertSame(first, cache.compile("Memory > 5"));
    assertSame(first, cache.compile("  Memory > 5 "));
  }

  @Test
  void compile_syntaxError_throwsEveryTime() {
    String first = assertThrows(ExpressionSyntaxException.class, () -> cache.compile("Memory >")).getMessage();
    String second = assertThrows(ExpressionSyntaxException.class, () -> cache.compile("Memory >")).getMessage();
    assertEquals(first, second);
  }

  @Test
  void compile_empty_isTrue() {
    assertSame(Requirements.ALWAYS, cache.compile(""));
    assertSame(Requirements.ALWAYS, cache.compile(null));
  }
}
