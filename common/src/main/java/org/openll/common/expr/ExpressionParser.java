package org.openll.common.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openll.common.expr.Tokenizer.Kind;
import org.openll.common.expr.Tokenizer.Token;

/**
 * Parses LoadLeveler's requirements language into an {@link Expression}:
 *
 * <pre>
 *   expr       := and ( "||" and )*
 *   and        := unary ( "&&" unary )*
 *   unary      := "!" unary | "(" expr ")" | comparison
 *   comparison := operand ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) operand
 *   operand    := ATTRIBUTE | "string" | number | "{" ( "string" | number )* "}"
 * </pre>
 *
 * Operands of {@code && || !} must be comparisons (a bare {@code Memory} is a syntax error). An
 * empty or blank text is {@link Requirements#ALWAYS}. Use {@link ExpressionCache} to parse each
 * distinct text once.
 *
 * <p>Bounded: a text longer than {@link #MAX_LENGTH} characters or nested deeper than
 * {@link #MAX_DEPTH} is refused before it can use much time or stack; parsing is a single
 * left-to-right pass without backtracking, linear in the length of the text.
 */
final class ExpressionParser {
  /** The longest expression text accepted, in characters. */
  static final int MAX_LENGTH = 16_384;
  /** The deepest nesting of parentheses and {@code !} accepted. */
  static final int MAX_DEPTH = 64;

  private final List<Token> tokens;
  private final Set<String> attributeNames = new LinkedHashSet<>();
  private int index;
  private int depth;

  private ExpressionParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /**
   * Parses {@code text} without its leading and trailing blanks (columns in messages count from
   * there); throws {@link ExpressionSyntaxException} naming the offending token.
   */
  static Requirements parse(String text) {
    String source = text == null ? "" : text.strip();
    if (source.isEmpty()) {
      return Requirements.ALWAYS;
    }
    if (source.length() > MAX_LENGTH) {
      throw new ExpressionSyntaxException("expression is " + source.length() + " characters long, at most "
          + MAX_LENGTH + " allowed");
    }
    ExpressionParser parser = new ExpressionParser(Tokenizer.tokenize(source));
    Expression result = parser.or();
    parser.expect(Kind.END, "end of expression");
    return new Requirements(source, result, parser.attributeNames);
  }

  private Expression or() {
    List<Expression> terms = new ArrayList<>(List.of(and()));
    while (peekOp("||")) {
      index++;
      terms.add(and());
    }
    if (terms.size() == 1) {
      return terms.get(0);
    }
    Expression[] all = terms.toArray(Expression[]::new); // loops, not streams: a cycle tests ~10^6 times
    return attributes -> {
      for (Expression e : all) {
        if (e.test(attributes)) {
          return true;
        }
      }
      return false;
    };
  }

  private Expression and() {
    List<Expression> terms = new ArrayList<>(List.of(unary()));
    while (peekOp("&&")) {
      index++;
      terms.add(unary());
    }
    if (terms.size() == 1) {
      return terms.get(0);
    }
    Expression[] all = terms.toArray(Expression[]::new);
    return attributes -> {
      for (Expression e : all) {
        if (!e.test(attributes)) {
          return false;
        }
      }
      return true;
    };
  }

  private Expression unary() {
    if (peekOp("!")) {
      enter();
      Expression inner = unary();
      depth--;
      return attributes -> !inner.test(attributes);
    }
    if (peek().kind() == Kind.LPAREN) {
      enter();
      Expression inner = or();
      expect(Kind.RPAREN, "')'");
      depth--;
      return inner;
    }
    return comparison();
  }

  /** Consumes a {@code (} or {@code !}, refusing one nesting level too many. */
  private void enter() {
    Token token = next();
    if (++depth > MAX_DEPTH) {
      throw new ExpressionSyntaxException("expression nests deeper than " + MAX_DEPTH + " levels at "
          + token.describe());
    }
  }

  private Expression comparison() {
    Operand left = operand();
    Token op = peek();
    Comparison.Operator operator = op.kind() == Kind.OP ? Comparison.Operator.of(op.text()) : null;
    if (operator == null) {
      throw new ExpressionSyntaxException("expected a comparison operator after "
          + Tokenizer.abbreviate(left.toString()) + ", got " + op.describe());
    }
    index++;
    Operand right = operand();
    return new Comparison(left, operator, right);
  }

  private Operand operand() {
    Token token = next();
    return switch (token.kind()) {
      case IDENT -> {
        attributeNames.add(Value.key(token.text()));
        yield new Operand.Attribute(token.text());
      }
      case STRING -> new Operand.Literal(Value.text(token.text()));
      case NUMBER -> new Operand.Literal(Value.number(Double.parseDouble(token.text())));
      case LBRACE -> new Operand.Literal(set());
      default -> throw new ExpressionSyntaxException("expected an attribute, a string, a number or a set, got " + token.describe());
    };
  }

  private Value set() {
    List<Value> members = new ArrayList<>();
    while (true) {
      Token token = next();
      switch (token.kind()) {
        case RBRACE -> { return new Value.Multi(members); }
        case STRING -> members.add(Value.text(token.text()));
        case NUMBER -> members.add(Value.number(Double.parseDouble(token.text())));
        default -> throw new ExpressionSyntaxException("expected a string, a number or '}' in a set, got " + token.describe());
      }
    }
  }

  private Token peek() {
    return tokens.get(index);
  }

  private boolean peekOp(String op) {
    Token token = peek();
    return token.kind() == Kind.OP && token.text().equals(op);
  }

  private Token next() {
    Token token = tokens.get(index);
    if (token.kind() != Kind.END) {
      index++;
    }
    return token;
  }

  private void expect(Kind kind, String what) {
    Token token = next();
    if (token.kind() != kind) {
      throw new ExpressionSyntaxException("expected " + what + ", got " + token.describe());
    }
  }
}
