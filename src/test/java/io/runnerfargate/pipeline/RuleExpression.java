package io.runnerfargate.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of GitLab's {@code rules:if} language that .gitlab-ci.yml uses: variables and quoted
 * strings compared with == or !=, joined by && and || (&& binds tighter). Anything else (regex
 * matches, parentheses, bare variables, null) is refused, so the pipeline cannot grow an
 * expression these tests would silently misread.
 */
final class RuleExpression {
    private enum Kind { VARIABLE, STRING, EQ, NE, AND, OR }

    private record Token(Kind kind, String text) {}

    private final String source;
    private final List<Token> tokens;
    private int position;

    private RuleExpression(String source) {
        this.source = source;
        this.tokens = tokenize(source);
    }

    static boolean evaluate(String expression, Map<String, String> variables) {
        RuleExpression parser = new RuleExpression(expression);
        boolean result = parser.or(variables);
        if (parser.position != parser.tokens.size()) {
            throw parser.unsupported("unexpected " + parser.tokens.get(parser.position).text());
        }
        return result;
    }

    private boolean or(Map<String, String> variables) {
        boolean value = and(variables);
        while (accept(Kind.OR)) {
            boolean right = and(variables);
            value = value || right;
        }
        return value;
    }

    private boolean and(Map<String, String> variables) {
        boolean value = comparison(variables);
        while (accept(Kind.AND)) {
            boolean right = comparison(variables);
            value = value && right;
        }
        return value;
    }

    private boolean comparison(Map<String, String> variables) {
        String left = operand(variables);
        if (accept(Kind.EQ)) {
            return Objects.equals(left, operand(variables));
        }
        if (accept(Kind.NE)) {
            return !Objects.equals(left, operand(variables));
        }
        throw unsupported("a comparison needs == or != after its first operand");
    }

    private String operand(Map<String, String> variables) {
        if (position >= tokens.size()) {
            throw unsupported("the expression ends where an operand was expected");
        }
        Token token = tokens.get(position++);
        return switch (token.kind()) {
            case VARIABLE -> variables.get(token.text().substring(1));
            case STRING -> token.text().substring(1, token.text().length() - 1);
            default -> throw unsupported("'" + token.text() + "' where a variable or a quoted string was expected");
        };
    }

    private boolean accept(Kind kind) {
        if (position < tokens.size() && tokens.get(position).kind() == kind) {
            position++;
            return true;
        }
        return false;
    }

    private IllegalArgumentException unsupported(String why) {
        return new IllegalArgumentException("rules:if expression not supported by the pipeline tests: "
                + why + " in: " + source);
    }

    private List<Token> tokenize(String text) {
        List<Token> result = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '$') {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                if (end == i + 1) {
                    throw unsupported("'$' without a variable name");
                }
                result.add(new Token(Kind.VARIABLE, text.substring(i, end)));
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw unsupported("an unterminated string");
                }
                result.add(new Token(Kind.STRING, text.substring(i, end + 1)));
                i = end + 1;
            } else if (text.startsWith("==", i) || text.startsWith("!=", i)
                    || text.startsWith("&&", i) || text.startsWith("||", i)) {
                String op = text.substring(i, i + 2);
                Kind kind = switch (op) {
                    case "==" -> Kind.EQ;
                    case "!=" -> Kind.NE;
                    case "&&" -> Kind.AND;
                    default -> Kind.OR;
                };
                result.add(new Token(kind, op));
                i += 2;
            } else {
                throw unsupported("'" + text.substring(i) + "'");
            }
        }
        return result;
    }
}
