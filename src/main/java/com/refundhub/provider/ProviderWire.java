package com.refundhub.provider;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.Encoding.RawJson;
import com.refundhub.provider.RequestSpec.PartRef;
import com.refundhub.provider.RequestSpec.PartSpec;
import com.refundhub.provider.signing.Keys;
import com.refundhub.provider.signing.SigningRecipe;
import com.refundhub.provider.signing.StringToSign;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one engine every provider goes through: a canonical refund and a channel, through the descriptor, to the exact
 * request (build, then sign), and a provider's raw answer back to what it means (read: parse, verify, match the
 * outcome table, check what it is about). Pure wire code: no HTTP, no ledger, no Camel.
 */
public final class ProviderWire {
    /** A signature's {@code text} that is the whole body (a request's, the signature then in a header). */
    public static final String WHOLE_BODY = ".";

    private ProviderWire() {
    }

    /** A request built but not signed yet: its evaluated body and parts, headers and path. */
    public record Draft(Descriptor descriptor, OperationSpec operation, Map<String, Object> body,
                        Map<String, Map<String, Object>> parts, Map<String, String> headers, String path,
                        Template.Scope scope) {
    }

    /** A request as it goes on the wire. */
    public record WireRequest(String method, String path, Map<String, String> headers, String body) {
    }

    // ---- requests ----

    /** The scope a channel's request is built in: the refund, the channel's settings, amounts, fresh or fixed inputs. */
    public static Template.Scope scope(Descriptor d, RefundRecord r, Function<String, String> settings, WireInputs inputs) {
        return new Template.Scope() {
            @Override
            public Object refund(String name) {
                return refundValue(r, name);
            }

            @Override
            public Object amount(boolean order) {
                Long minor = order ? r.orderAmount() : r.amount();
                return minor == null || r.currency() == null ? null : d.amounts().write(minor, r.currency());
            }

            @Override
            public Object setting(String name) {
                return settings.apply(name);
            }

            @Override
            public WireInputs inputs() {
                return inputs;
            }
        };
    }

    static Object refundValue(RefundRecord r, String name) {
        return switch (name) {
            case "refundId" -> r.refundId();
            case "orderId" -> r.orderId();
            case "amount" -> r.amount();
            case "currency" -> r.currency();
            case "orderAmount" -> r.orderAmount();
            case "reason" -> r.reason();
            case "operatorId" -> r.operatorId();
            case "terminalNo" -> r.terminalNo();
            default -> null;
        };
    }

    /** Build: the refund's fields in the provider's shape, unsigned. */
    public static Draft build(Descriptor d, Operation operation, RefundRecord record, ChannelConfig channel,
                              String path, WireInputs inputs) {
        return build(d, operation, scope(d, record, channel::setting, inputs), path);
    }

    public static Draft build(Descriptor d, Operation operation, Template.Scope scope, String path) {
        OperationSpec op = d.operation(operation);
        RequestSpec r = op.request();
        Map<String, Map<String, Object>> parts = new LinkedHashMap<>();
        r.parts().forEach((name, part) -> parts.put(name, evaluate(part.fields(), scope)));
        Map<String, String> headers = new LinkedHashMap<>();
        r.headers().forEach((name, t) -> {
            Object v = t.evaluate(scope);
            if (v != null) {
                headers.put(name, Template.text(v));
            }
        });
        return new Draft(d, op, evaluate(r.fields(), scope), parts, headers, expandPath(path, scope), scope);
    }

    /** A field tree with its templates evaluated; null values are left out. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> evaluate(Map<String, Object> tree, Template.Scope scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Template t) {
                Object value = t.evaluate(scope);
                if (value != null) {
                    out.put(e.getKey(), value);
                }
            } else if (v instanceof Map<?, ?> m) {
                out.put(e.getKey(), evaluate((Map<String, Object>) m, scope));
            } else {
                out.put(e.getKey(), v);   // a PartRef, resolved when signing
            }
        }
        return out;
    }

    private static String expandPath(String path, Template.Scope scope) {
        if (!path.contains("${")) {
            return path;
        }
        Template t = Template.parse(path, false, m -> {
            throw new IllegalStateException("path " + path + ": " + m);
        }).orElseThrow();
        // each value is one path segment's text: encoded so that it cannot add a segment or a query
        return Template.text(t.evaluate(new Template.Scope() {
            @Override
            public Object refund(String name) {
                return encoded(scope.refund(name));
            }

            @Override
            public Object setting(String name) {
                return encoded(scope.setting(name));
            }

            @Override
            public Object amount(boolean order) {
                return encoded(scope.amount(order));
            }

            @Override
            public WireInputs inputs() {
                return scope.inputs();
            }
        }));
    }

    private static String encoded(Object v) {
        return v == null ? null : URLEncoder.encode(Template.text(v), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sign: the parts written, the signature made by the recipe and put where the descriptor says, the body written. */
    public static WireRequest sign(Draft draft, Supplier<Keys> keys) {
        RequestSpec r = draft.operation().request();
        Map<String, String> partTexts = new LinkedHashMap<>();
        draft.parts().forEach((name, tree) -> partTexts.put(name, r.parts().get(name).encoding().write(tree, null)));
        Map<String, Object> body = embed(draft.body(), partTexts, r.parts(), r.encoding());
        SignatureSpec s = r.signature();
        // over the whole body: write it first, the signature goes in a header; else sign, then write
        String whole = WHOLE_BODY.equals(s.text()) ? r.encoding().write(body, r.xmlRoot()) : null;
        String signature = recipe(s).sign(stringToSign(s, body, name -> name.equals(WHOLE_BODY) ? whole
                : partTexts.get(name), draft.scope()), keys.get());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", r.contentType());
        headers.putAll(draft.headers());
        if (s.inHeader()) {
            headers.put(s.header(), signature);
        } else {
            put(body, s.at(), signature);
        }
        String text = whole != null ? whole : r.encoding().write(body, r.xmlRoot());
        String path = draft.path();
        if (draft.operation().method().equals("GET")) {
            path = path + (path.contains("?") ? "&" : "?") + text;
            text = "";
            headers.remove("Content-Type");
        }
        return new WireRequest(draft.operation().method(), path, headers, text);
    }

    /** The keys a request is signed with on the hub's side: the channel's settings. */
    public static Keys signingKeys(SignatureSpec s, Template.Scope scope) {
        return keys(s, scope, true);
    }

    /** The keys an answer is checked with on the hub's side. */
    public static Keys verifyingKeys(SignatureSpec s, Template.Scope scope) {
        return keys(s, scope, false);
    }

    /**
     * Keys for signing ({@code sign}) or checking: the algorithm (the descriptor's, or its recipe's default), the HMAC
     * key, the hex case, and the one RSA key the side needs, read from the PEM file the scope's setting names.
     */
    public static Keys keys(SignatureSpec s, Template.Scope scope, boolean sign) {
        SigningRecipe recipe = recipe(s);
        String algorithm = s.digest() == null ? recipe.defaultAlgorithm()
                : SigningRecipe.normalise(Template.text(s.digest().evaluate(scope)));
        String hmacKey = s.key() == null ? null : textOrNull(s.key().evaluate(scope));
        java.security.PrivateKey privateKey = null;
        java.security.PublicKey publicKey = null;
        if (sign && s.privateKey() != null) {
            String location = textOrNull(s.privateKey().evaluate(scope));
            privateKey = location == null ? null : PemKeys.privateKey(location);
        } else if (!sign && s.publicKey() != null) {
            String location = textOrNull(s.publicKey().evaluate(scope));
            publicKey = location == null ? null : PemKeys.publicKey(location);
        }
        return new Keys(algorithm, hmacKey, s.upperCase(), privateKey, publicKey);
    }

    private static String textOrNull(Object v) {
        return v == null ? null : Template.text(v);
    }

    public static SigningRecipe recipe(SignatureSpec s) {
        return SigningRecipe.named(s.recipe()).orElseThrow(() -> new IllegalStateException("no recipe " + s.recipe()));
    }

    /** The body with each part in place: a JSON part inside JSON as its exact text, any other as a text value. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> embed(Map<String, Object> tree, Map<String, String> partTexts,
                                            Map<String, PartSpec> parts, Encoding encoding) {
        Map<String, Object> out = new LinkedHashMap<>();
        tree.forEach((k, v) -> {
            if (v instanceof PartRef p) {
                String text = partTexts.get(p.name());
                boolean raw = encoding == Encoding.JSON && parts.get(p.name()).encoding() == Encoding.JSON;
                out.put(k, raw ? new RawJson(text) : text);
            } else if (v instanceof Map<?, ?> m) {
                out.put(k, embed((Map<String, Object>) m, partTexts, parts, encoding));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * What a signature covers: the sorted fields of an object of {@code tree} (leaving out the signature's own field),
     * or the exact text of a part; then the spec's {@code append}, evaluated in {@code scope}.
     */
    @SuppressWarnings("unchecked")
    public static String stringToSign(SignatureSpec s, Map<String, Object> tree, Function<String, String> partText,
                                      Template.Scope scope) {
        String tail = s.append() == null ? null : textOrNull(s.append().evaluate(scope));
        if (s.text() != null) {
            return StringToSign.exactText(partText.apply(s.text()), tail);
        }
        Object object = at(tree, s.fields());
        if (!(object instanceof Map<?, ?> m)) {
            throw new IllegalStateException("no object at " + s.fields());
        }
        List<String> excluded = new ArrayList<>(s.exclude());
        if (!s.inHeader()) {
            String parent = s.at().contains(".") ? s.at().substring(0, s.at().lastIndexOf('.')) : ".";
            if (parent.equals(s.fields())) {
                excluded.add(s.at().substring(s.at().lastIndexOf('.') + 1));
            }
        }
        return StringToSign.sortedFields((Map<String, Object>) m, excluded, s.skipEmpty(), tail);
    }

    /** Puts {@code value} at {@code path} of {@code tree}, as the last field of its object. */
    @SuppressWarnings("unchecked")
    public static void put(Map<String, Object> tree, String path, Object value) {
        String[] names = path.split("\\.");
        Map<String, Object> at = tree;
        for (int i = 0; i < names.length - 1; i++) {
            Object next = at.get(names[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                at.put(names[i], next);
            }
            at = (Map<String, Object>) next;
        }
        at.remove(names[names.length - 1]);
        at.put(names[names.length - 1], value);
    }

    /** The value at a path of a tree; null when any name on the way is missing. */
    @SuppressWarnings("unchecked")
    public static Object at(Map<String, Object> tree, String path) {
        if (path.equals(".")) {
            return tree;
        }
        Object at = tree;
        for (String name : path.split("\\.")) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = ((Map<String, Object>) m).get(name);
        }
        return at;
    }

    /** A value as an answer's test sees it: text, or a marker for an object; null when absent. */
    public static String textAt(Map<String, Object> tree, String path) {
        Object v = at(tree, path);
        if (v == null) {
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            return "{}";
        }
        return Template.text(v);
    }

    // ---- answers ----

    /**
     * Read: parses the raw answer, checks its signature with the channel's keys (an unsigned answer is believed only as
     * one of the provider's unsigned errors), matches its outcome table, and checks it is about {@code record}.
     *
     * @param orderRefunds the order's other refunds, asked only for an answer about the whole order
     */
    public static ProviderAnswer read(Descriptor d, Operation operation, String raw, RefundRecord record,
                                      Template.Scope scope, Supplier<OrderRefunds> orderRefunds) {
        AnswerSpec a = d.operation(operation).answer();
        if (raw == null || raw.isBlank()) {
            return ProviderAnswer.unparseable("empty answer");
        }
        Map<String, Object> doc;
        try {
            doc = a.encoding().read(raw);
        } catch (IOException | RuntimeException e) {
            return ProviderAnswer.unparseable("unreadable answer: " + e.getClass().getSimpleName());
        }
        for (String path : a.requires()) {
            String v = textAt(doc, path);
            if (v == null || v.isEmpty()) {
                return ProviderAnswer.unparseable("answer has no " + path);
            }
        }
        SignatureSpec s = a.signature();
        String given = textAt(doc, s.at());
        boolean absent = given == null || given.isEmpty();
        ProviderAnswer.Verdict verdict = ProviderAnswer.Verdict.VERIFIED;
        Function<String, String> plain = path -> textAt(doc, path);
        if (absent && !a.unsignedErrors().isEmpty() && a.unsignedErrors().stream().allMatch(c -> c.holds(plain))) {
            verdict = ProviderAnswer.Verdict.UNSIGNED;
        } else {
            String stringToSign;
            try {
                stringToSign = answerStringToSign(s, doc, raw, scope);
            } catch (RuntimeException e) {
                return ProviderAnswer.unparseable("unreadable answer: " + e.getClass().getSimpleName());
            }
            if (absent || !recipe(s).verify(stringToSign, given, verifyingKeys(s, scope))) {
                return ProviderAnswer.badSignature(doc, absent ? "answer is not signed" : s.at() + " does not verify");
            }
        }
        Function<String, String> value = coverage(a, doc, record, orderRefunds, plain);
        Optional<OutcomeRow> row = a.outcomes().match(value);
        Template.Scope answerScope = answerScope(doc, scope);
        String code = first(a.code(), answerScope, false);
        String message = first(a.message(), answerScope, true);
        String refundId = a.providerRefundId() == null ? null : textAt(doc, a.providerRefundId());
        ProviderAnswer answer = new ProviderAnswer(verdict, row.orElse(null), row.map(r -> r.label(value)).orElse(null),
                code, message, refundId, doc, row.isEmpty() ? "no row of the outcome table matches the answer" : null);
        for (Map.Entry<String, Template> about : a.about().entrySet()) {
            String actual = textAt(doc, about.getKey());
            Object expected = about.getValue().evaluate(scope);
            if (actual != null && !actual.isEmpty() && expected != null
                    && !Condition.same(Template.text(expected), actual)) {
                return answer.withVerdict(ProviderAnswer.Verdict.MISMATCH, "answer is about " + about.getKey() + " "
                        + actual + ", not " + Template.text(expected));
            }
        }
        return answer;
    }

    /** The string an answer's signature covers: its sorted fields, or the exact text of a member as received. */
    public static String answerStringToSign(SignatureSpec s, Map<String, Object> doc, String raw, Template.Scope scope) {
        return stringToSign(s, doc, name -> {
            try {
                return JsonText.objectText(raw, name);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, scope);
    }

    /** The first candidate that applies: the provider's code (not empty), its message (as given, even empty). */
    private static String first(List<Template> candidates, Template.Scope scope, boolean emptyCounts) {
        for (Template t : candidates) {
            String v = t.evaluateStrict(scope, emptyCounts);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Template.Scope answerScope(Map<String, Object> doc, Template.Scope base) {
        return new Template.Scope() {
            @Override
            public Object answer(String path) {
                return textAt(doc, path);
            }

            @Override
            public WireInputs inputs() {
                return base.inputs();
            }
        };
    }

    /**
     * The answer's values, and for an answer about the whole order its {@code $coverage}: COVERED when what the order
     * has had refunded accounts for every refund of it the hub knows done or open plus this one; MISSING when it is
     * exactly what the other settled refunds add up to and none is open (this refund is not among them); else UNCLEAR.
     * This assumes every refund of the order goes through the hub.
     */
    private static Function<String, String> coverage(AnswerSpec a, Map<String, Object> doc, RefundRecord record,
                                                     Supplier<OrderRefunds> orderRefunds, Function<String, String> plain) {
        if (a.orderRefunded() == null) {
            return plain;
        }
        return path -> {
            if (!path.equals(Condition.COVERAGE)) {
                return plain.apply(path);
            }
            Object refunded = at(doc, a.orderRefunded());
            if (!(refunded instanceof Number n)) {
                return "UNCLEAR";
            }
            OrderRefunds others = orderRefunds.get();
            long total = n.longValue();
            long amount = record.amount() == null ? 0 : record.amount();
            if (total >= others.succeeded() + others.open() + amount) {
                return "COVERED";
            }
            if (total == others.succeeded() && others.open() == 0) {
                return "MISSING";
            }
            return "UNCLEAR";
        };
    }
}
