package org.openll.common.jcf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobCommandFileLexerTest {
  private final JobCommandFileLexer lexer = new JobCommandFileLexer();

  private Statement only(String content) {
    List<Statement> statements = lexer.lex(content);
    assertEquals(1, statements.size(), () -> "statements: " + statements);
    return statements.get(0);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "# @ class = dev",
      "#@class=dev",
      "#   @   class   =   dev   ",
      "#\t@\tCLASS\t=\tdev",
      "# @ Class= dev",
  })
  void lex_statementSpellings_sameKeywordAndValue(String line) {
    Statement statement = only(line);
    assertEquals("class", statement.keyword());
    assertEquals("dev", statement.value());
    assertEquals(1, statement.line());
  }

  @Test
  void lex_otherLines_skipped() {
    List<Statement> statements = lexer.lex(Jcf.file(
        "#!/bin/sh", "# a comment @ not a statement", "echo '# @ class = x'", "  # @ class = indented", "# @ queue"));
    assertEquals(1, statements.size());
    assertEquals("queue", statements.get(0).keyword());
    assertEquals(5, statements.get(0).line());
  }

  @Test
  void lex_queueWithoutEquals_hasNoValue() {
    Statement statement = only("# @ queue   # the first step");
    assertEquals("queue", statement.keyword());
    assertFalse(statement.hasEquals());
    assertEquals("", statement.rest());
  }

  @Test
  void lex_emptyValue_isEmptyString() {
    Statement statement = only("# @ notify_user =");
    assertTrue(statement.hasEquals());
    assertEquals("", statement.value());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "# @ notification = never ##always|never",
      "# @ bg_connection = mesh   # other options: torus|mesh",
      "# @ comment = issue#3 stays|issue#3 stays",
      "# @ requirements = (Feature == \"a # b\") # why|(Feature == \"a # b\")",
      "# @ notify_user = # nobody|''",
  })
  void lex_trailingComment_removedOutsideQuotes(String line, String value) {
    assertEquals(value, only(line).value());
  }

  @Test
  void lex_continuationWithHashPrefix_joinedWithoutHash() {
    Statement statement = only(Jcf.file(
        "# @ environment = $NEXTSTEP; MP_INFOLEVEL=1; \\",
        "#                 MP_EAGER_LIMIT=64K; \\",
        "#OMP_NUM_THREADS=1"));
    assertEquals("$NEXTSTEP; MP_INFOLEVEL=1; MP_EAGER_LIMIT=64K; OMP_NUM_THREADS=1", statement.value());
    assertEquals(1, statement.line());
  }

  @Test
  void lex_continuationWithoutHash_joinedWithOneBlank() {
    Statement statement = only(Jcf.file("# @ arguments = -a \\", "          -b\\  ", "-c"));
    assertEquals("-a -b -c", statement.value());
  }

  @Test
  void lex_continuationAtEndOfFile_keepsWhatItHas() {
    assertEquals("-a", only("# @ arguments = -a \\").value());
  }

  @Test
  void lex_lineAfterContinuation_isNextStatement() {
    List<Statement> statements = lexer.lex(Jcf.file("# @ arguments = a \\", "# b", "# @ queue"));
    assertEquals(2, statements.size());
    assertEquals("a b", statements.get(0).value());
    assertEquals(3, statements.get(1).line());
  }

  @Test
  void lex_continuedOntoStatement_problemAtThatLine() {
    Statement statement = only(Jcf.file("# @ class = a \\", "# @ queue"));
    assertEquals("a continued line must not begin with \"# @\"", statement.problem());
    assertEquals(2, statement.line());
  }

  @Test
  void lex_noKeyword_problem() {
    Statement statement = only("# @ = x");
    assertEquals("expected a keyword after \"# @\", found \"= x\"", statement.problem());
  }

  @Test
  void lex_keywordWithoutEquals_keepsRest() {
    Statement statement = only("# @ class dev");
    assertNull(statement.value());
    assertEquals("dev", statement.rest());
  }

  @Test
  void lex_crlfLines_handled() {
    List<Statement> statements = lexer.lex("# @ class = dev\r\n# @ queue\r\n");
    assertEquals("dev", statements.get(0).value());
    assertEquals(2, statements.get(1).line());
  }
}
