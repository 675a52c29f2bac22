package org.openll.common.sysprio;

import java.util.Locale;
import java.util.Map;

/**
 * Recursive-descent compiler from SYSPRIO text to a {@link SysprioNode} tree. One instance per
 * text; not thread-safe. Grammar:
 *
 * <pre>
 * expression := term (('+' | '-') term)*
 * term       := unary (('*' | '/') unary)*
 * unary      := '-' unary | '+' unary | primary
 * primary    := number | variable | '(' expression ')'
 * </pre>
 */
final class SysprioParser {
  /**
   * Operators and parentheses one expression may have; bounds the depth of the tree, so neither
   * compiling nor evaluating can overflow the stack.
   */
  static final int MAX_OPERATORS = 1000;

  private static final Map<String, SysprioNode> VARIABLES = Map.ofEntries(
      Map.entry("classsysprio", SysprioVariables::classSysprio),
      Map.entry("usersysprio", SysprioVariables::userSysprio),
      Map.entry("groupsysprio", SysprioVariables::groupSysprio),
      Map.entry("userprio", SysprioVariables::userPrio),
      Map.entry("qdate", SysprioVariables::qDate),
      Map.entry("userqueuedjobs", SysprioVariables::userQueuedJobs),
      Map.entry("userrunningjobs", SysprioVariables::userRunningJobs),
      Map.entry("usertotaljobs", SysprioVariables::userTotalJobs),
      Map.entry("groupqueuedjobs", SysprioVariables::groupQueuedJobs),
      Map.entry("grouprunningjobs", SysprioVariables::groupRunningJobs),
      Map.entry("grouptotaljobs", SysprioVariables::groupTotalJobs),
      Map.entry("userhasshares", SysprioVariables::userHasShares),
      Map.entry("userusedshares", SysprioVariables::userUsedShares),
      Map.entry("grouphasshares", SysprioVariables::groupHasShares),
      Map.entry("groupusedshares", SysprioVariables::groupUsedShares));

  private final String text;
  private int pos;
  private int operators;

  SysprioParser(String text) {
    this.text = text;
  }

  SysprioNode parse() {
    skipBlanks();
    if (pos == text.length()) {
      throw error("empty expression", pos);
    }
    SysprioNode node = expression();
    skipBlanks();
    if (pos < text.length()) {
      throw unexpected();
    }
    return node;
  }

  private SysprioNode expression() {
    SysprioNode left = term();
    while (true) {
      skipBlanks();
      if (accept('+')) {
        left = fold(new SysprioNode.Add(left, term()));
      } else if (accept('-')) {
        left = fold(new SysprioNode.Subtract(left, term()));
      } else {
        return left;
      }
    }
  }

  private SysprioNode term() {
    SysprioNode left = unary();
    while (true) {
      skipBlanks();
      if (accept('*')) {
        left = fold(new SysprioNode.Multiply(left, unary()));
      } else if (accept('/')) {
        left = fold(new SysprioNode.Divide(left, unary()));
      } else {
        return left;
      }
    }
  }

  private SysprioNode unary() {
    skipBlanks();
    if (accept('-')) {
      return fold(new SysprioNode.Negate(unary()));
    }
    if (accept('+')) {
      return unary();
    }
    return primary();
  }

  private SysprioNode primary() {
    skipBlanks();
    if (pos == text.length()) {
      throw unexpected();
    }
    char c = text.charAt(pos);
    if (c == '(') {
      int open = pos;
      accept('(');
      SysprioNode inner = expression();
      skipBlanks();
      if (!accept(')')) {
        if (pos == text.length()) {
          throw error("unclosed '(' opened", open);
        }
        throw unexpected();
      }
      return inner;
    }
    if (isDigit(c) || c == '.') {
      return number();
    }
    if (Character.isLetter(c) || c == '_') {
      return variable();
    }
    throw unexpected();
  }

  private SysprioNode number() {
    int start = pos;
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    String token = text.substring(start, pos);
    if (token.equals(".") || (pos < text.length() && isWordChar(text.charAt(pos)))) {
      while (pos < text.length() && isWordChar(text.charAt(pos))) {
        pos++;
      }
      throw error("bad number " + text.substring(start, pos), start);
    }
    double value = Double.parseDouble(token);
    if (Double.isInfinite(value)) {
      throw error("number too large " + token, start);
    }
    return new SysprioNode.Constant(value);
  }

  private SysprioNode variable() {
    int start = pos;
    while (pos < text.length() && isWordChar(text.charAt(pos))) {
      pos++;
    }
    String name = text.substring(start, pos);
    SysprioNode node = VARIABLES.get(name.toLowerCase(Locale.ROOT));
    if (node == null) {
      throw error("unknown variable " + name, start);
    }
    return node;
  }

  /** Replaces an operator whose operands are all constants by its value. */
  private static SysprioNode fold(SysprioNode node) {
    boolean constant = switch (node) {
      case SysprioNode.Negate n -> n.operand() instanceof SysprioNode.Constant;
      case SysprioNode.Add n -> bothConstant(n.left(), n.right());
      case SysprioNode.Subtract n -> bothConstant(n.left(), n.right());
      case SysprioNode.Multiply n -> bothConstant(n.left(), n.right());
      case SysprioNode.Divide n -> bothConstant(n.left(), n.right());
      default -> false;
    };
    return constant ? new SysprioNode.Constant(node.eval(null)) : node;
  }

  private static boolean bothConstant(SysprioNode a, SysprioNode b) {
    return a instanceof SysprioNode.Constant && b instanceof SysprioNode.Constant;
  }

  private boolean accept(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      if (c != ')' && ++operators > MAX_OPERATORS) {
        throw error("more than " + MAX_OPERATORS + " operators", pos);
      }
      pos++;
      return true;
    }
    return false;
  }

  private void skipBlanks() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException unexpected() {
    if (pos == text.length()) {
      return error("unexpected end of expression", pos);
    }
    int end = pos + 1;
    if (isWordChar(text.charAt(pos))) {
      while (end < text.length() && isWordChar(text.charAt(end))) {
        end++;
      }
    }
    return error("unexpected '" + text.substring(pos, end) + "'", pos);
  }

  private IllegalArgumentException error(String what, int at) {
    return new IllegalArgumentException("SYSPRIO: " + what + " at column " + (at + 1));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.';
  }
}
