package org.openll.common.jcf;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A step's {@code dependency} expression: {@code step_name op value} terms joined by {@code &&},
 * {@code ||} and parentheses, where op is one of {@code == != < <= > >=} and value an exit code or
 * {@code CC_NOTRUN} (1002) or {@code CC_REMOVED} (1001).
 *
 * <p>Evaluation is three-valued: a term over a step that has not finished is undecided, and the
 * whole expression is decided as soon as the decided terms settle it (false {@code &&} anything is
 * false, true {@code ||} anything is true). Immutable and thread-safe.
 */
public final class Dependency {
  /** The exit code LoadLeveler gives a step that was not run because its dependency was false. */
  public static final int CC_NOTRUN = 1002;
  /** The exit code LoadLeveler gives a removed (cancelled) step. */
  public static final int CC_REMOVED = 1001;
  private static final int MAX_LENGTH = 4096;

  private final String text;
  private final Node root;

  private Dependency(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  /** Parses {@code text}; throws IllegalArgumentException with what is wrong and where. */
  public static Dependency parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("longer than " + MAX_LENGTH + " characters");
    }
    Parser parser = new Parser(text);
    Node root = parser.orExpression();
    parser.skipBlanks();
    if (parser.pos < text.length()) {
      throw new IllegalArgumentException("unexpected \"" + text.substring(parser.pos) + "\" at column " + (parser.pos + 1));
    }
    return new Dependency(text.strip(), root);
  }

  /** The step names the expression refers to, in order of appearance. */
  public Set<String> stepNames() {
    Set<String> names = new LinkedHashSet<>();
    root.collect(names);
    return names;
  }

  /**
   * Evaluates with {@code exitCode}: a finished step's exit code (or CC_NOTRUN / CC_REMOVED), empty
   * while the step has not finished. Empty result: not decidable yet.
   */
  public Optional<Boolean> evaluate(Function<String, Optional<Integer>> exitCode) {
    return root.evaluate(exitCode);
  }

  @Override
  public String toString() {
    return text;
  }

  private sealed interface Node permits Or, And, Term {
    Optional<Boolean> evaluate(Function<String, Optional<Integer>> exitCode);

    void collect(Set<String> names);
  }

  private record Or(Node left, Node right) implements Node {
    public Optional<Boolean> evaluate(Function<String, Optional<Integer>> exitCode) {
      Optional<Boolean> l = left.evaluate(exitCode);
      Optional<Boolean> r = right.evaluate(exitCode);
      if (l.orElse(false) || r.orElse(false)) {
        return Optional.of(true);
      }
      return l.isPresent() && r.isPresent() ? Optional.of(false) : Optional.empty();
    }

    public void collect(Set<String> names) {
      left.collect(names);
      right.collect(names);
    }
  }

  private record And(Node left, Node right) implements Node {
    public Optional<Boolean> evaluate(Function<String, Optional<Integer>> exitCode) {
      Optional<Boolean> l = left.evaluate(exitCode);
      Optional<Boolean> r = right.evaluate(exitCode);
      if (!l.orElse(true) || !r.orElse(true)) {
        return Optional.of(false);
      }
      return l.isPresent() && r.isPresent() ? Optional.of(true) : Optional.empty();
    }

    public void collect(Set<String> names) {
      left.collect(names);
      right.collect(names);
    }
  }

  private record Term(String step, String op, int value) implements Node {
    public Optional<Boolean> evaluate(Function<String, Optional<Integer>> exitCode) {
      return exitCode.apply(step).map(code -> switch (op) {
        case "==" -> code == value;
        case "!=" -> code != value;
        case "<" -> code < value;
        case "<=" -> code <= value;
        case ">" -> code > value;
        default -> code >= value;
      });
    }

    public void collect(Set<String> names) {
      names.add(step);
    }
  }

  private static final class Parser {
    private static final int MAX_DEPTH = 100;
    private final String s;
    private int pos;
    private int depth;

    Parser(String s) {
      this.s = s;
    }

    Node orExpression() {
      Node left = andExpression();
      while (consume("||")) {
        left = new Or(left, andExpression());
      }
      return left;
    }

    Node andExpression() {
      Node left = primary();
      while (consume("&&")) {
        left = new And(left, primary());
      }
      return left;
    }

    Node primary() {
      if (consume("(")) {
        if (++depth > MAX_DEPTH) {
          throw new IllegalArgumentException("parentheses nested deeper than " + MAX_DEPTH);
        }
        Node inner = orExpression();
        if (!consume(")")) {
          throw new IllegalArgumentException("missing \")\" at column " + (pos + 1));
        }
        depth--;
        return inner;
      }
      String step = word("a step name");
      String op = operator();
      String value = word("an exit code, CC_NOTRUN or CC_REMOVED");
      return new Term(step, op, value(value));
    }

    private int value(String word) {
      switch (word.toUpperCase(Locale.ROOT)) {
        case "CC_NOTRUN":
          return CC_NOTRUN;
        case "CC_REMOVED":
          return CC_REMOVED;
        default:
          try {
            return Integer.parseInt(word);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + word + "\" is not an exit code, CC_NOTRUN or CC_REMOVED");
          }
      }
    }

    private String operator() {
      skipBlanks();
      for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
        if (s.startsWith(op, pos)) {
          pos += op.length();
          return op;
        }
      }
      throw new IllegalArgumentException("expected one of == != < <= > >= at column " + (pos + 1));
    }

    private String word(String what) {
      skipBlanks();
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "_-.".indexOf(s.charAt(pos)) >= 0)) {
        pos++;
      }
      if (start == pos) {
        throw new IllegalArgumentException("expected " + what + " at column " + (pos + 1));
      }
      return s.substring(start, pos);
    }

    private boolean consume(String token) {
      skipBlanks();
      if (s.startsWith(token, pos)) {
        pos += token.length();
        return true;
      }
      return false;
    }

    void skipBlanks() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }
  }
}
