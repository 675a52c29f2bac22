package org.openll.negotiator.expr;

import java.util.ArrayList;
import java.util.List;
import org.openll.negotiator.expr.Tokenizer.Kind;
import org.openll.negotiator.expr.Tokenizer.Token;

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
 * empty or blank text is {@link Expression#TRUE}. Stateless; use {@link ExpressionCache} to parse
 * each distinct text once.
 */
public final class ExpressionParser {
  private final List<Token> tokens;
  private int index;

  private ExpressionParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Parses {@code text}; throws {@link ExpressionSyntaxException} naming the offending token. */
  public static Expression parse(String text) {
    if (text == null || text.isBlank()) {
      return Expression.TRUE;
    }
    ExpressionParser parser = new ExpressionParser(Tokenizer.tokenize(text));
    Expression result = parser.or();
    parser.expect(Kind.END, "end of expression");
    return result;
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
    List<Expression> all = List.copyOf(terms);
    return attributes -> all.stream().anyMatch(e -> e.test(attributes));
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
    List<Expression> all = List.copyOf(terms);
    return attributes -> all.stream().allMatch(e -> e.test(attributes));
  }

  private Expression unary() {
    if (peekOp("!")) {
      index++;
      Expression inner = unary();
      return attributes -> !inner.test(attributes);
    }
    if (peek().kind() == Kind.LPAREN) {
      index++;
      Expression inner = or();
      expect(Kind.RPAREN, "')'");
      return inner;
    }
    return comparison();
  }

  private Expression comparison() {
    Operand left = operand();
    Token op = peek();
    Comparison.Operator operator = op.kind() == Kind.OP ? Comparison.Operator.of(op.text()) : null;
    if (operator == null) {
      throw new ExpressionSyntaxException("expected a comparison operator after " + left + ", got " + op.describe());
    }
    index++;
    Operand right = operand();
    return new Comparison(left, operator, right);
  }

  private Operand operand() {
    Token token = next();
    return switch (token.kind()) {
      case IDENT -> new Operand.Attribute(token.text());
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
