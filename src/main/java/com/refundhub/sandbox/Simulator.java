package com.refundhub.sandbox;

import com.refundhub.config.SettingValues;
import com.refundhub.core.Money;
import com.refundhub.provider.AnswerSpec;
import com.refundhub.provider.Descriptor;
import com.refundhub.provider.Encoding;
import com.refundhub.provider.JsonText;
import com.refundhub.provider.Operation;
import com.refundhub.provider.OperationSpec;
import com.refundhub.provider.OutcomeRow;
import com.refundhub.provider.ProviderWire;
import com.refundhub.provider.RequestSpec;
import com.refundhub.provider.RequestSpec.PartRef;
import com.refundhub.provider.SandboxAnswer;
import com.refundhub.provider.SignatureSpec;
import com.refundhub.provider.Template;
import com.refundhub.provider.WireInputs;
import com.refundhub.provider.signing.Keys;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One provider in the sandbox, played from its descriptor (SPEC §7, §10): it reads a request as the descriptor writes
 * it, checks the merchant and the signature (with its own account's keys), acts out the scenario the {@code orderId}
 * picks ({@link Scenarios}: a book of refunds per order, idempotent refund numbers, partial-refund caps), and answers
 * with the descriptor's sandbox answers, signed as the descriptor says the provider signs. {@code CODE-ROW} and
 * {@code INQ-ROW} make it answer whatever row of the outcome table is named, which is how every row is proven.
 *
 * <p>The account ({@code refundhub.sandbox.TYPE.*}) holds what the simulator knows of the merchant: a request field
 * built from {@code ${setting.X}} must carry the account's X (else the unknown-merchant answer); a setting the account
 * does not hold (a sign type) is read from the request that carries it.
 */
public final class Simulator {

    /** How an answer is spoiled on its way (sandbox faults). */
    public enum Fault { NONE, HTTP_500, HTTP_502, HTTP_503, RESET, GARBAGE, TRUNCATED }

    /** An HTTP answer, possibly late, possibly spoiled. */
    public record Reply(int status, String body, long delayMillis, Fault fault) {
        public Reply(int status, String body, long delayMillis) {
            this(status, body, delayMillis, Fault.NONE);
        }

        public static Reply ok(String body) {
            return new Reply(200, body, 0);
        }

        /** The answer as a decision about it says it travels. */
        public Reply as(Scenarios.Decision d) {
            return new Reply(status, body, d.delayMillis(), d.fault());
        }
    }

    private final Descriptor descriptor;
    private final Scenarios scenarios;
    private final Map<String, String> account = new LinkedHashMap<>();
    private final RefundBook book = new RefundBook();
    private final AtomicLong seq = new AtomicLong(1000);

    public Simulator(Descriptor descriptor, SettingValues account, Scenarios scenarios) {
        this.descriptor = descriptor;
        this.scenarios = scenarios;
        for (Descriptor.SettingSpec s : descriptor.sandbox().account()) {
            Object v = account.get(s.setting());
            if (v != null) {
                this.account.put(s.name(), v.toString());
            }
        }
    }

    public String type() {
        return descriptor.name();
    }

    /** The refunds this simulator has recorded (for tests, the benchmark and {@code /_sandbox}). */
    public RefundBook book() {
        return book;
    }

    /** What the simulator read of one request. */
    /**
     * What the simulator read of one request: the body as signed (each part as its exact text), each part's text and
     * its fields, the headers.
     */
    private record Request(OperationSpec op, Map<String, Object> body, Map<String, String> parts,
                           Map<String, Map<String, Object>> partTrees, Map<String, String> headers, String raw) {
    }

    /** Answers one request; {@code path} is what follows {@code /TYPE}, with its query. */
    public Reply handle(String method, String path, Map<String, String> headers, String raw) throws Exception {
        Optional<Request> request = read(method, path, headers, raw);
        if (request.isEmpty()) {
            return new Reply(404, "{\"error\":\"no such API\"}", 0);
        }
        Request r = request.get();
        Map<String, String> settings = new HashMap<>(account);
        String merchant = learnAndCheckMerchant(r, settings);
        if (merchant != null) {
            return answer(r.op(), descriptor.sandbox().errors().get("unknown-merchant"), null, settings, null);
        }
        if (!signatureHolds(r, settings)) {
            return answer(r.op(), descriptor.sandbox().errors().get("bad-signature"), null, settings, null);
        }
        Map<String, Object> values = valuesOf(r);
        String refundNo = text(values.get("refund.refundId"));
        String orderId = text(values.get("refund.orderId"));
        String named = text(values.get("refund.currency"));
        String currency = named != null ? named : defaultCurrency();
        if (refundNo == null || refundNo.isEmpty() || refundNo.length() > 64 || !constantsHold(r)
                || (r.op().operation() == Operation.REFUND && (orderId == null || orderId.isEmpty()))) {
            return answer(r.op(), descriptor.sandbox().errors().get("bad-request"), null, settings, null);
        }
        if (r.op().operation() == Operation.INQUIRY) {
            Scenarios.Decision d = scenarios.inquire(book, refundNo);
            Facts facts = new Facts(refundNo, d.entry() != null ? d.entry().orderId : orderId,
                    d.entry() != null ? d.entry().amount : 0, currency, d);
            return switch (d.result()) {
                case FORCED_CODE -> forced(r.op(), forcedName(r.op(), facts.orderId(), d), facts, settings);
                case NO_SUCH_REFUND -> answer(r.op(), r.op().sandbox().get("no-such-refund"), facts, settings, d);
                default -> answer(r.op(), r.op().sandbox().get(state(d.result())), facts, settings, d);
            };
        }
        long amount = 0;
        if (descriptor.rules().amountRequired()) {
            try {
                amount = amountOf(values, currency, named != null);
            } catch (RuntimeException e) {
                return answer(r.op(), descriptor.sandbox().errors().get("bad-request"), null, settings, null);
            }
            if (amount <= 0) {
                return answer(r.op(), descriptor.sandbox().errors().get("bad-request"), null, settings, null);
            }
        }
        Long cap = descriptor.rules().amountRequired() ? scenarios.orderAmount(orderId) : null;
        Scenarios.Decision d = scenarios.refund(book, orderId, refundNo, amount, cap);
        Facts facts = new Facts(refundNo, orderId, d.entry() != null ? d.entry().amount : amount, currency, d);
        Map<String, SandboxAnswer> answers = r.op().sandbox();
        SandboxAnswer refused = answers.getOrDefault("not-refundable", answers.get("amount-exceeded"));
        SandboxAnswer tooMuch = answers.getOrDefault("amount-exceeded", answers.get("not-refundable"));
        return switch (d.result()) {
            case FORCED_CODE -> forced(r.op(), forcedName(r.op(), orderId, d), facts, settings);
            case ORDER_NOT_FOUND -> answer(r.op(), answers.get("order-not-found"), facts, settings, null);
            case SYSTEM_ERROR -> answer(r.op(), answers.get("system-error"), facts, settings, null);
            case NOT_ALLOWED -> answer(r.op(), refused, facts, settings, null);
            case AMOUNT_EXCEEDED -> answer(r.op(), tooMuch, facts, settings, null);
            default -> answer(r.op(), answers.get(state(d.result())), facts, settings, d).as(d);
        };
    }

    private static String state(Scenarios.Result r) {
        return switch (r) {
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed";
            default -> "processing";
        };
    }

    private String defaultCurrency() {
        String c = account.get("currency");
        return c != null && Money.isKnownCurrency(c) ? c
                : new java.util.TreeSet<>(descriptor.rules().currencies()).first();
    }

    // ---- reading the request ----

    private Optional<Request> read(String method, String path, Map<String, String> headers, String raw) throws IOException {
        String query = null;
        int q = path.indexOf('?');
        if (q >= 0) {
            query = path.substring(q + 1);
            path = path.substring(0, q);
        }
        Request first = null;
        for (OperationSpec op : List.of(descriptor.refund(), descriptor.inquiry())) {
            if (!op.method().equals(method) || !pathMatches(op.path(), path)) {
                continue;
            }
            RequestSpec spec = op.request();
            String text = op.method().equals("GET") ? (query == null ? "" : query) : raw;
            Map<String, Object> body = spec.encoding().read(text);
            Map<String, String> parts = new LinkedHashMap<>();
            Map<String, Map<String, Object>> partTrees = new LinkedHashMap<>();
            body = unpack(body, spec.fields(), spec, text, parts, partTrees);
            Request r = new Request(op, body, parts, partTrees, headers, text);
            if (first == null) {
                first = r;
            }
            if (literalsHold(spec.fields(), body)) {
                return Optional.of(r);   // its constant fields (an API's method name) say it is this operation
            }
        }
        return Optional.ofNullable(first);
    }

    /**
     * The request as it was signed, each part in place as its exact text (a JSON part inside JSON kept as the raw text
     * it was); each part's text and fields kept on the side.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> unpack(Map<String, Object> body, Map<String, Object> spec, RequestSpec r,
                                              String raw, Map<String, String> parts,
                                              Map<String, Map<String, Object>> partTrees) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>(body);
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            Object value = body.get(e.getKey());
            if (e.getValue() instanceof PartRef p && value != null) {
                RequestSpec.PartSpec part = r.parts().get(p.name());
                if (value instanceof Map<?, ?> m) {
                    String text = JsonText.objectText(raw, e.getKey());
                    parts.put(p.name(), text);
                    partTrees.put(p.name(), (Map<String, Object>) m);
                    out.put(e.getKey(), new Encoding.RawJson(text));
                } else {
                    parts.put(p.name(), value.toString());
                    partTrees.put(p.name(), part.encoding().read(value.toString()));
                }
            } else if (e.getValue() instanceof Map<?, ?> nested && value instanceof Map<?, ?> m) {
                out.put(e.getKey(), unpack((Map<String, Object>) m, (Map<String, Object>) nested, r, raw, parts,
                        partTrees));
            }
        }
        return out;
    }

    private static boolean pathMatches(Template template, String path) {
        if (template.isLiteral()) {
            return template.source().equals(path);
        }
        String pattern = java.util.regex.Pattern.quote(template.source()).replaceAll("\\$\\{[^}]*}",
                "\\\\E[^/]+\\\\Q");
        return path.matches(pattern);
    }

    /** Every literal field of the spec has its value in the request. */
    @SuppressWarnings("unchecked")
    private static boolean literalsHold(Map<String, Object> spec, Map<String, Object> body) {
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            Object v = body.get(e.getKey());
            if (e.getValue() instanceof Template t && t.isLiteral()) {
                if (v == null || !Template.text(t.evaluate(NO_SCOPE)).equals(text(v))) {
                    return false;
                }
            } else if (e.getValue() instanceof Map<?, ?> nested) {
                if (!(v instanceof Map<?, ?> m) || !literalsHold((Map<String, Object>) nested, (Map<String, Object>) m)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean constantsHold(Request r) {
        for (Map.Entry<String, Template> h : r.op().request().headers().entrySet()) {
            if (h.getValue().isLiteral() && !h.getValue().source().equals(r.headers().get(h.getKey().toLowerCase()))) {
                return false;
            }
        }
        if (!literalsHold(r.op().request().fields(), r.body())) {
            return false;
        }
        for (Map.Entry<String, RequestSpec.PartSpec> p : r.op().request().parts().entrySet()) {
            Object tree = partTree(r, p.getKey());
            if (!(tree instanceof Map<?, ?> m) || !literalsHoldIn(p.getValue().fields(), m)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static boolean literalsHoldIn(Map<String, Object> spec, Map<?, ?> tree) {
        return literalsHold(spec, (Map<String, Object>) tree);
    }

    /** The fields of a part of the request. */
    private static Object partTree(Request r, String part) {
        return r.partTrees().get(part);
    }

    /**
     * Each {@code ${setting.X}} field: the account's X must be there (else the merchant is unknown: its name returned),
     * or X is learned from the request when the account does not hold it.
     */
    private String learnAndCheckMerchant(Request r, Map<String, String> settings) {
        Map<String, String> bySetting = new LinkedHashMap<>();
        collect(r.op().request().fields(), r.body(), r, bySetting);
        for (Map.Entry<String, String> e : bySetting.entrySet()) {
            if (e.getKey().startsWith("setting.")) {
                String name = e.getKey().substring("setting.".length());
                if (account.containsKey(name)) {
                    if (!account.get(name).equals(e.getValue())) {
                        return name;
                    }
                } else {
                    settings.put(name, e.getValue());
                }
            }
        }
        return null;
    }

    /** The values of a request by what they were built from: {@code refund.refundId}, {@code amount}, ... */
    private Map<String, Object> valuesOf(Request r) {
        Map<String, String> out = new LinkedHashMap<>();
        collect(r.op().request().fields(), r.body(), r, out);
        return new LinkedHashMap<>(out);
    }

    @SuppressWarnings("unchecked")
    private void collect(Map<String, Object> spec, Map<String, Object> body, Request r, Map<String, String> out) {
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            Object v = body == null ? null : body.get(e.getKey());
            if (e.getValue() instanceof Template t && t.single().isPresent() && v != null) {
                Template.Expr x = t.single().get();
                String key = switch (x.kind()) {
                    case REFUND -> "refund." + x.name();
                    case SETTING -> "setting." + x.name();
                    case AMOUNT -> "amount";
                    case ORDER_AMOUNT -> "order-amount";
                    default -> null;
                };
                if (key != null) {
                    out.putIfAbsent(key, text(v));
                }
            } else if (e.getValue() instanceof PartRef p && r.partTrees().containsKey(p.name())) {
                collect(r.op().request().parts().get(p.name()).fields(), r.partTrees().get(p.name()), r, out);
            } else if (e.getValue() instanceof Map<?, ?> nested && v instanceof Map<?, ?> m) {
                collect((Map<String, Object>) nested, (Map<String, Object>) m, r, out);
            }
        }
    }

    private long amountOf(Map<String, Object> values, String currency, boolean currencyNamed) {
        if (values.get("amount") != null) {
            return descriptor.amounts().read(text(values.get("amount")), currency, currencyNamed);
        }
        if (values.get("refund.amount") != null) {
            return Long.parseLong(text(values.get("refund.amount")));
        }
        throw new IllegalArgumentException("no amount");
    }

    private boolean signatureHolds(Request r, Map<String, String> settings) {
        SignatureSpec s = r.op().request().signature();
        String given = s.inHeader() ? r.headers().get(s.header().toLowerCase()) : ProviderWire.textAt(r.body(), s.at());
        if (given == null || given.isEmpty()) {
            return false;
        }
        try {
            Template.Scope scope = scope(settings, null);
            String stringToSign = ProviderWire.stringToSign(s, r.body(), name -> name.equals(ProviderWire.WHOLE_BODY)
                    ? r.raw() : r.parts().get(name), scope);
            return ProviderWire.recipe(s).verify(stringToSign, given, ProviderWire.keys(s, scope, false));
        } catch (RuntimeException e) {
            return false;   // a sign type it does not know, a part that is not there: not a valid signature
        }
    }

    // ---- answering ----

    /** What an answer is about: the refund (as the scenario says it is named), its order, the decision. */
    private record Facts(String refundNo, String orderId, long amount, String currency, Scenarios.Decision decision) {
        String answerRefundNo() {
            return decision != null && decision.aboutOther() ? refundNo + "X" : refundNo;
        }

        String answerOrderId() {
            return decision != null && decision.aboutOther() && orderId != null ? orderId + "-X" : orderId;
        }
    }

    private Template.Scope scope(Map<String, String> settings, Facts facts) {
        return new Template.Scope() {
            @Override
            public Object refund(String name) {
                if (facts == null) {
                    return null;
                }
                return switch (name) {
                    case "refundId" -> facts.answerRefundNo();
                    case "orderId" -> facts.answerOrderId();
                    case "amount" -> facts.amount();
                    case "currency" -> facts.currency();
                    default -> null;
                };
            }

            @Override
            public Object amount(boolean order) {
                if (facts == null) {
                    return null;
                }
                return written(order ? scenarios.orderAmount(facts.orderId()) : facts.amount(), facts.currency());
            }

            @Override
            public Object setting(String name) {
                return settings.get(name);
            }

            @Override
            public Object sandbox(String name) {
                return account.get(name);
            }

            @Override
            public Object order(String name) {
                if (facts == null || facts.orderId() == null) {
                    return null;
                }
                long minor = switch (name) {
                    case "amount" -> scenarios.orderAmount(facts.orderId());
                    case "refunded" -> book.refunded(facts.orderId());
                    default -> book.succeeded(facts.orderId());
                };
                return written(minor, facts.currency());
            }

            @Override
            public long seq() {
                return seq.incrementAndGet();
            }

            @Override
            public WireInputs inputs() {
                return WireInputs.SYSTEM;
            }
        };
    }

    /**
     * An amount as the provider writes it; when the request named no currency and the account's cannot express it
     * (cents where the account's currency is whole kip), as the exact decimal it is.
     */
    private Object written(long minor, String currency) {
        try {
            return descriptor.amounts().write(minor, currency);
        } catch (ArithmeticException e) {
            return Money.toMajor(minor, currency).stripTrailingZeros().toPlainString();
        }
    }

    private Reply answer(OperationSpec op, SandboxAnswer a, Facts facts, Map<String, String> settings,
                         Scenarios.Decision d) {
        if (a == null) {
            return new Reply(500, "{\"error\":\"the descriptor has no sandbox answer for this\"}", 0);
        }
        if (a.text() != null) {
            return new Reply(a.status(), a.text(), 0);
        }
        Template.Scope scope = scope(settings, facts);
        Map<String, Object> tree = ProviderWire.evaluate(a.fields(), scope);
        boolean signed = a.signed() && (d == null || !d.unsigned());
        return new Reply(a.status(), write(op.answer(), tree, scope, signed, d != null && d.forgeSignature()), 0);
    }

    /**
     * The row an orderId names ({@code CODE-NAME-...}, {@code INQ-NAME-...}): the longest row name the rest of it is or
     * starts with (a provider's code may hold dashes: {@code isv.invalid-signature}); else what follows the prefix.
     */
    private static String forcedName(OperationSpec op, String orderId, Scenarios.Decision d) {
        String rest = orderId.substring(orderId.indexOf('-') + 1);
        String best = null;
        for (OutcomeRow row : op.answer().outcomes().rows()) {
            for (Map<String, String> answer : row.answers()) {
                String name = OutcomeRow.name(answer);
                if ((rest.equals(name) || rest.startsWith(name + "-")) && (best == null || name.length() > best.length())) {
                    best = name;
                }
            }
        }
        return best != null ? best : d.forcedCode();
    }

    /** The answer of a row of the outcome table, named by its values ({@code SUCCESS.REFUND_FAIL}; {@code 999}: none). */
    private Reply forced(OperationSpec op, String name, Facts facts, Map<String, String> settings) {
        AnswerSpec a = op.answer();
        Map<String, String> values = null;
        for (OutcomeRow row : a.outcomes().rows()) {
            for (Map<String, String> answer : row.answers()) {
                if (OutcomeRow.name(answer).equals(name)) {
                    values = answer;
                    break;
                }
            }
            if (values != null) {
                break;
            }
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        if (values == null || values.isEmpty()) {
            String path = a.requires().isEmpty() ? firstPath(a) : a.requires().get(0);
            values = Map.of(path, name);
        }
        Map<String, String> forcedValues = values;
        Template.Scope scope = scope(settings, facts);
        for (Map.Entry<String, String> v : values.entrySet()) {
            if (v.getKey().equals(com.refundhub.provider.Condition.COVERAGE)) {
                long refunded = switch (v.getValue()) {
                    case "COVERED" -> book.refunded(facts.orderId());
                    case "MISSING" -> book.succeeded(facts.orderId());
                    default -> -1;
                };
                if (refunded >= 0 && a.orderRefunded() != null) {
                    ProviderWire.put(tree, a.orderRefunded(), written(refunded, facts.currency()));
                }
            } else {
                ProviderWire.put(tree, v.getKey(), v.getValue());
            }
        }
        a.message().stream().map(Template::single).flatMap(Optional::stream)
                .filter(e -> e.kind() == Template.Kind.ANSWER).findFirst()
                .ifPresent(e -> ProviderWire.put(tree, e.name(), Scenarios.FORCED_MESSAGE));
        a.about().forEach((path, t) -> {
            Object v = t.evaluate(scope);
            if (v != null && forcedValues.keySet().stream().anyMatch(p -> sameObject(p, path))) {
                ProviderWire.put(tree, path, v);
            }
        });
        return new Reply(200, write(a, tree, scope, true, false), 0);
    }

    /** Two paths of the same object ({@code data.tranStatus} and {@code data.refundOrderNo}). */
    private static boolean sameObject(String a, String b) {
        String pa = a.contains(".") ? a.substring(0, a.lastIndexOf('.')) : "";
        String pb = b.contains(".") ? b.substring(0, b.lastIndexOf('.')) : "";
        return pa.equals(pb);
    }

    private static String firstPath(AnswerSpec a) {
        return a.outcomes().rows().stream().flatMap(r -> r.conditions().stream()).map(c -> c.path())
                .filter(p -> !p.startsWith("$")).findFirst().orElse("code");
    }

    /** The answer written in its encoding, signed as the descriptor says the provider signs (or forged, or not). */
    private String write(AnswerSpec a, Map<String, Object> tree, Template.Scope scope, boolean signed, boolean forge) {
        Encoding encoding = a.encoding();
        if (!signed) {
            return encoding.write(tree, "xml");
        }
        SignatureSpec s = a.signature();
        String unsigned = encoding.write(tree, "xml");
        if (ProviderWire.at(tree, s.text() != null ? s.text() : s.fields()) == null) {
            return unsigned;   // what the provider signs is not in this answer (a provider that signs only a data member it leaves out of its errors)
        }
        String stringToSign = ProviderWire.stringToSign(s, tree, name -> {
            try {
                return JsonText.objectText(unsigned, name);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, scope);
        Keys keys = ProviderWire.keys(s, scope, true);
        String signature = ProviderWire.recipe(s).sign(stringToSign, keys);
        if (forge) {
            signature = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
        }
        ProviderWire.put(tree, s.at(), signature);
        return encoding.write(tree, "xml");
    }

    private static String text(Object v) {
        return v == null ? null : Template.text(v);
    }

    private static final Template.Scope NO_SCOPE = () -> WireInputs.SYSTEM;
}
