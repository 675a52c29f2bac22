package org.openll.common.jcf;

/**
 * One {@code # @ keyword = value} statement of a job command file, after continuation lines were
 * joined and the trailing comment removed.
 *
 * @param line 1-based line where the statement starts
 * @param keyword the keyword in lower case; empty when {@code problem} says it could not be read
 * @param value the trimmed value; null when the statement has no {@code =}
 * @param rest text after the keyword that is neither {@code =} nor a comment; empty normally
 * @param problem a lexical problem to report when the parser reaches this statement, or null
 */
record Statement(int line, String keyword, String value, String rest, String problem) {
  boolean hasEquals() {
    return value != null;
  }

  static Statement problem(int line, String problem) {
    return new Statement(line, "", null, "", problem);
  }
}
