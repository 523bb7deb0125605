package com.refundhub.provider;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A value of a descriptor: literal text, or text with {@code ${...}} expressions, evaluated against a {@link Scope}.
 * A template that is exactly one expression keeps the expression's type (an amount in minor units stays a number, so
 * JSON gets {@code 600}, not {@code "600"}); any other template is text. An expression that has no value (a refund
 * without a reason) makes a one-expression template null, which leaves the field out, unless it names a default after
 * a colon: {@code ${refund.reason:}} is the empty text then.
 *
 * <p>Expressions: {@code refund.NAME} (the canonical request: refundId, orderId, amount and orderAmount in minor
 * units, currency, reason, operatorId, terminalNo), {@code amount} and {@code order-amount} (in the descriptor's
 * amount format), {@code setting.NAME} (the channel's setting), {@code sandbox.NAME} (the sandbox account's),
 * {@code order.amount|refunded|succeeded} (the sandbox's book of the order), {@code answer.PATH} (a value of the
 * answer), and generated values: {@code nonce(N)}, {@code uuid}, {@code epoch-ms}, {@code epoch-s},
 * {@code time(PATTERN, ZONE)}, {@code seq}; {@code when(EXPR, A, B)} is A when EXPR has a value that is not zero or
 * empty, else B.
 */
public final class Template {
    /** What an expression reads. */
    public enum Kind { REFUND, AMOUNT, ORDER_AMOUNT, SETTING, SANDBOX, ORDER, ANSWER, NONCE, UUID, EPOCH_MS, EPOCH_S,
        TIME, SEQ, WHEN }

    /** One {@code ${...}}. */
    public record Expr(Kind kind, String name, int length, DateTimeFormatter format, ZoneId zone, Expr test,
                       String whenSet, String whenUnset, String fallback, String text) {
    }

    /** Where expressions get their values; each context answers what it knows and null for the rest. */
    public interface Scope {
        default Object refund(String name) {
            return null;
        }

        default Object amount(boolean order) {
            return null;
        }

        default Object setting(String name) {
            return null;
        }

        default Object sandbox(String name) {
            return null;
        }

        default Object order(String name) {
            return null;
        }

        default Object answer(String path) {
            return null;
        }

        default long seq() {
            return 0;
        }

        WireInputs inputs();
    }

    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("-?[0-9]{1,18}");

    private final String source;
    private final List<Object> parts;   // String literals and Exprs
    /** a template without expressions: its value, worked out once */
    private final Object literal;

    private Template(String source, List<Object> parts, boolean typedLiteral) {
        this.source = source;
        this.parts = parts;
        this.literal = parts.size() == 1 && parts.get(0) instanceof String text ? (typedLiteral ? typed(text) : text) : null;
    }

    /** A literal: its text as is (a quoted YAML scalar, or one in a template-free context). */
    public static Template literal(String text) {
        return new Template(text, List.of(text), false);
    }

    /**
     * Parses {@code text}; a problem is reported through {@code problem} (which gets the message) and the template is
     * then empty. {@code plain}: written without quotes, so a bare integer or true/false is a number or a boolean.
     */
    public static Optional<Template> parse(String text, boolean plain, Function<String, Boolean> problem) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                parts.add(text.substring(i));
                break;
            }
            if (start > i) {
                parts.add(text.substring(i, start));
            }
            int end = closing(text, start + 2);
            if (end < 0) {
                problem.apply("'" + text + "': '${' without its '}'");
                return Optional.empty();
            }
            String inner = text.substring(start + 2, end).trim();
            Optional<Expr> e = expr(inner, problem);
            if (e.isEmpty()) {
                return Optional.empty();
            }
            parts.add(e.get());
            i = end + 1;
        }
        if (parts.isEmpty()) {
            parts.add("");
        }
        return Optional.of(new Template(text, List.copyOf(parts), plain));
    }

    /** The '}' closing an expression opened just before {@code from}, past nested parentheses. */
    private static int closing(String text, int from) {
        int depth = 0;
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '}' && depth <= 0) {
                return j;
            }
        }
        return -1;
    }

    private static Optional<Expr> expr(String inner, Function<String, Boolean> problem) {
        String body = inner;
        String fallback = null;
        int paren = inner.indexOf('(');
        int colon = inner.lastIndexOf(':');
        if (colon >= 0 && (paren < 0 || colon > inner.lastIndexOf(')'))) {
            body = inner.substring(0, colon).trim();
            fallback = inner.substring(colon + 1);
        }
        String name = body;
        String args = null;
        if (body.indexOf('(') > 0 && body.endsWith(")")) {
            name = body.substring(0, body.indexOf('(')).trim();
            args = body.substring(body.indexOf('(') + 1, body.length() - 1);
        }
        try {
            Expr e = switch (name) {
                case "amount" -> simple(Kind.AMOUNT, null, fallback, inner);
                case "order-amount" -> simple(Kind.ORDER_AMOUNT, null, fallback, inner);
                case "uuid" -> simple(Kind.UUID, null, fallback, inner);
                case "epoch-ms" -> simple(Kind.EPOCH_MS, null, fallback, inner);
                case "epoch-s" -> simple(Kind.EPOCH_S, null, fallback, inner);
                case "seq" -> simple(Kind.SEQ, null, fallback, inner);
                case "nonce" -> {
                    int n = args == null ? -1 : Integer.parseInt(args.trim());
                    if (n < 1 || n > 64) {
                        throw new IllegalArgumentException("nonce(N) takes a length from 1 to 64");
                    }
                    yield new Expr(Kind.NONCE, null, n, null, null, null, null, null, fallback, inner);
                }
                case "time" -> {
                    int comma = args == null ? -1 : args.lastIndexOf(',');
                    if (comma < 0) {
                        throw new IllegalArgumentException("time(PATTERN, ZONE) takes a pattern and a zone, e.g. "
                                + "time(yyyy-MM-dd HH:mm:ss, Asia/Shanghai)");
                    }
                    DateTimeFormatter f = DateTimeFormatter.ofPattern(args.substring(0, comma).trim(), Locale.ROOT);
                    ZoneId zone = ZoneId.of(args.substring(comma + 1).trim());
                    yield new Expr(Kind.TIME, null, 0, f, zone, null, null, null, fallback, inner);
                }
                case "when" -> {
                    String[] a = args == null ? new String[0] : args.split(",", -1);
                    if (a.length != 3) {
                        throw new IllegalArgumentException("when(EXPR, A, B) takes three arguments");
                    }
                    Expr test = expr(a[0].trim(), problem).orElseThrow(() -> new IllegalArgumentException("see above"));
                    yield new Expr(Kind.WHEN, null, 0, null, null, test, a[1].trim(), a[2].trim(), fallback, inner);
                }
                default -> prefixed(name, fallback, inner);
            };
            return Optional.of(e);
        } catch (RuntimeException e) {
            problem.apply("'${" + inner + "}': " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Expr simple(Kind kind, String name, String fallback, String text) {
        return new Expr(kind, name, 0, null, null, null, null, null, fallback, text);
    }

    private static Expr prefixed(String name, String fallback, String text) {
        int dot = name.indexOf('.');
        String prefix = dot < 0 ? name : name.substring(0, dot);
        String rest = dot < 0 ? "" : name.substring(dot + 1);
        Kind kind = switch (prefix) {
            case "refund" -> Kind.REFUND;
            case "setting" -> Kind.SETTING;
            case "sandbox" -> Kind.SANDBOX;
            case "order" -> Kind.ORDER;
            case "answer" -> Kind.ANSWER;
            default -> throw new IllegalArgumentException("unknown value '" + name + "'; known: refund.NAME, amount, "
                    + "order-amount, setting.NAME, sandbox.NAME, order.NAME, answer.PATH, nonce(N), uuid, epoch-ms, "
                    + "epoch-s, time(PATTERN, ZONE), seq, when(EXPR, A, B)");
        };
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(prefix + " needs a name: " + prefix + ".NAME");
        }
        return simple(kind, rest, fallback, text);
    }

    /** The expressions of this template, for checks at load. */
    public List<Expr> exprs() {
        List<Expr> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Expr e) {
                out.add(e);
                if (e.test() != null) {
                    out.add(e.test());
                }
            }
        }
        return out;
    }

    /** The one expression this template is, if it is exactly one. */
    public Optional<Expr> single() {
        return parts.size() == 1 && parts.get(0) instanceof Expr e ? Optional.of(e) : Optional.empty();
    }

    /** Whether it has no expression. */
    public boolean isLiteral() {
        return parts.stream().noneMatch(Expr.class::isInstance);
    }

    public String source() {
        return source;
    }

    /** The value, typed when the template is one expression or a plain number or boolean; null leaves it out. */
    public Object evaluate(Scope scope) {
        if (literal != null) {
            return literal;
        }
        if (parts.size() == 1) {
            return value((Expr) parts.get(0), scope);
        }
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof Expr e) {
                Object v = value(e, scope);
                b.append(v == null ? "" : text(v));
            } else {
                b.append((String) p);
            }
        }
        return b.toString();
    }

    /**
     * As text, or null when an expression of it has no value (a candidate that does not apply); with
     * {@code emptyCounts} false, an empty value counts as none.
     */
    public String evaluateStrict(Scope scope, boolean emptyCounts) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof Expr e) {
                Object v = value(e, scope);
                if (v == null || (!emptyCounts && text(v).isEmpty())) {
                    return null;
                }
                b.append(text(v));
            } else {
                b.append((String) p);
            }
        }
        return b.toString();
    }

    /** Text as a signature string or the wire shows a value: numbers and booleans as their JSON text. */
    public static String text(Object v) {
        return v instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(v);
    }

    private static Object typed(String literal) {
        if (INTEGER.matcher(literal).matches()) {
            return Long.parseLong(literal);
        }
        if (literal.equals("true") || literal.equals("false")) {
            return Boolean.parseBoolean(literal);
        }
        return literal;
    }

    private static Object value(Expr e, Scope scope) {
        Object v = switch (e.kind()) {
            case REFUND -> scope.refund(e.name());
            case AMOUNT -> scope.amount(false);
            case ORDER_AMOUNT -> scope.amount(true);
            case SETTING -> scope.setting(e.name());
            case SANDBOX -> scope.sandbox(e.name());
            case ORDER -> scope.order(e.name());
            case ANSWER -> scope.answer(e.name());
            case NONCE -> scope.inputs().nonce(e.length());
            case UUID -> scope.inputs().uuid();
            case EPOCH_MS -> scope.inputs().now().toEpochMilli();
            case EPOCH_S -> scope.inputs().now().getEpochSecond();
            case TIME -> ZonedDateTime.ofInstant(scope.inputs().now(), e.zone()).format(e.format());
            case SEQ -> scope.seq();
            case WHEN -> {
                Object t = value(e.test(), scope);
                boolean set = t != null && !text(t).isEmpty() && !(t instanceof Number n && n.longValue() == 0);
                yield typed(set ? e.whenSet() : e.whenUnset());
            }
        };
        return v == null ? e.fallback() : v;
    }

    @Override
    public String toString() {
        return source;
    }
}
