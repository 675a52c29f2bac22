package org.openll.common.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens. Not thread-safe; one per parse. */
final class Tokenizer {
  enum Kind { IDENT, STRING, NUMBER, OP, LPAREN, RPAREN, LBRACE, RBRACE, END }

  record Token(Kind kind, String text, int position) {
    String describe() {
      return kind == Kind.END ? "end of expression" : "'" + abbreviate(text) + "' at column " + (position + 1);
    }
  }

  /** {@code text}, cut to 40 characters so that messages stay one short line. */
  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  private static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "&&", "||", "<", ">", "!");

  private final String source;
  private int pos;

  private Tokenizer(String source) {
    this.source = source;
  }

  static List<Token> tokenize(String source) {
    return new Tokenizer(source).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (pos >= source.length()) {
        tokens.add(new Token(Kind.END, "", pos));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipBlanks() {
    while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
      pos++;
    }
  }

  private Token next() {
    int start = pos;
    char c = source.charAt(pos);
    switch (c) {
      case '(' -> { pos++; return new Token(Kind.LPAREN, "(", start); }
      case ')' -> { pos++; return new Token(Kind.RPAREN, ")", start); }
      case '{' -> { pos++; return new Token(Kind.LBRACE, "{", start); }
      case '}' -> { pos++; return new Token(Kind.RBRACE, "}", start); }
      case '"' -> { return string(start); }
      default -> { }
    }
    if (Character.isDigit(c) || (c == '-' || c == '.') && pos + 1 < source.length()
        && (Character.isDigit(source.charAt(pos + 1)) || source.charAt(pos + 1) == '.')) {
      return number(start);
    }
    if (Character.isLetter(c) || c == '_') {
      while (pos < source.length() && (Character.isLetterOrDigit(source.charAt(pos)) || source.charAt(pos) == '_')) {
        pos++;
      }
      return new Token(Kind.IDENT, source.substring(start, pos), start);
    }
    for (String op : OPERATORS) {
      if (source.startsWith(op, pos)) {
        pos += op.length();
        return new Token(Kind.OP, op, start);
      }
    }
    throw new ExpressionSyntaxException("unexpected character '" + printable(c) + "' at column " + (start + 1));
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
  }

  private Token string(int start) {
    int end = source.indexOf('"', start + 1);
    if (end < 0) {
      throw new ExpressionSyntaxException("unterminated string starting at column " + (start + 1));
    }
    pos = end + 1;
    return new Token(Kind.STRING, source.substring(start + 1, end), start);
  }

  private Token number(int start) {
    pos++;
    while (pos < source.length() && (Character.isDigit(source.charAt(pos)) || source.charAt(pos) == '.')) {
      pos++;
    }
    String text = source.substring(start, pos);
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new ExpressionSyntaxException("bad number '" + abbreviate(text) + "' at column " + (start + 1));
    }
    if (Double.isInfinite(value)) {
      throw new ExpressionSyntaxException("number out of range at column " + (start + 1));
    }
    return new Token(Kind.NUMBER, text, start);
  }
}
