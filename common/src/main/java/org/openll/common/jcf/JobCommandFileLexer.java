package org.openll.common.jcf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the keyword statements of a job command file. A statement line starts with {@code #},
 * optional blanks, then {@code @}; every other line (shell code, plain comments) is skipped. A
 * {@code \} at the end of a statement continues it onto the next line, which loses a leading
 * {@code #} and its blanks (the SciNet style); the parts, trimmed, are joined with one blank. A {@code #}
 * that starts the value or follows a blank begins a comment, except inside a double-quoted string.
 *
 * <p>Problems are not thrown here but carried by the statement, so the parser reports the first
 * problem of the file in line order.
 */
final class JobCommandFileLexer {
  /** The longest statement accepted, continuation lines included. */
  static final int MAX_STATEMENT_CHARS = 64 * 1024;
  private static final String TOO_LONG = "statement longer than " + MAX_STATEMENT_CHARS + " characters";
  private static final Pattern STATEMENT = Pattern.compile("^#[ \\t]*@(.*)$");
  private static final Pattern CONTINUED_PREFIX = Pattern.compile("^#[ \\t]*");
  private static final Pattern KEYWORD = Pattern.compile("^[ \\t]*([A-Za-z_][A-Za-z0-9_.]*)[ \\t]*");

  List<Statement> lex(String content) {
    String[] lines = content.split("\r?\n", -1);
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      Matcher statement = STATEMENT.matcher(lines[i]);
      if (!statement.matches()) {
        continue;
      }
      int startLine = i + 1;
      String problem = null;
      StringBuilder text = new StringBuilder();
      if (statement.group(1).length() > MAX_STATEMENT_CHARS) {
        problem = TOO_LONG;
        text.append(statement.group(1), 0, MAX_STATEMENT_CHARS);
      } else {
        text.append(statement.group(1));
      }
      while (endsWithBackslash(text) && i + 1 < lines.length) {
        stripBackslash(text);
        i++;
        String next = lines[i];
        if (problem == null && STATEMENT.matcher(next).matches()) {
          problem = "a continued line must not begin with \"# @\"";
        }
        if (text.length() + next.length() > MAX_STATEMENT_CHARS) {
          problem = problem == null ? TOO_LONG : problem;
          next = next.substring(0, Math.max(0, Math.min(next.length(), MAX_STATEMENT_CHARS - text.length())));
        }
        text.append(' ').append(CONTINUED_PREFIX.matcher(next).replaceFirst("").stripLeading());
      }
      if (endsWithBackslash(text)) {
        stripBackslash(text); // continued past the end of the file
      }
      statements.add(problem != null
          ? Statement.problem(TOO_LONG.equals(problem) ? startLine : i + 1, problem)
          : read(startLine, text.toString()));
    }
    return statements;
  }

  private static Statement read(int line, String text) {
    Matcher keyword = KEYWORD.matcher(text);
    if (!keyword.find()) {
      return Statement.problem(line, "expected a keyword after \"# @\", found " + Units.quote(text.strip()));
    }
    String name = keyword.group(1).toLowerCase(Locale.ROOT);
    String after = text.substring(keyword.end());
    if (after.startsWith("=")) {
      return new Statement(line, name, stripComment(after.substring(1)).strip(), "", null);
    }
    return new Statement(line, name, null, stripComment(after).strip(), null);
  }

  /** {@code text} up to its first {@code #} that starts it or follows a blank, outside double quotes. */
  static String stripComment(String text) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
        return text.substring(0, i);
      }
    }
    return text;
  }

  private static boolean endsWithBackslash(StringBuilder text) {
    int end = text.length();
    while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end > 0 && text.charAt(end - 1) == '\\';
  }

  private static void stripBackslash(StringBuilder text) {
    int end = text.length();
    while (Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    end--;
    while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    text.setLength(end);
  }
}
