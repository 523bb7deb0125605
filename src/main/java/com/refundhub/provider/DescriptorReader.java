package com.refundhub.provider;

import com.refundhub.config.Problem;
import com.refundhub.config.Setting;
import com.refundhub.config.Types;
import com.refundhub.config.ValueType;
import com.refundhub.core.Money;
import com.refundhub.core.ReasonCode;
import com.refundhub.provider.Descriptor.ClientCertificate;
import com.refundhub.provider.Descriptor.SettingSpec;
import com.refundhub.provider.RequestSpec.PartRef;
import com.refundhub.provider.RequestSpec.PartSpec;
import com.refundhub.provider.Template.Expr;
import com.refundhub.provider.Template.Kind;
import com.refundhub.provider.YamlTree.Item;
import com.refundhub.provider.signing.SigningRecipe;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a descriptor file and checks it, as the configuration is checked at start (SPEC §9): every problem is one line
 * naming the file, the line and the field, with what is allowed or the nearest known name. Unknown fields, values of
 * the wrong type, paths that cannot exist in the encoding (a nested field in a form), recipe parameters out of range,
 * expressions naming settings that do not exist: all refused, all at once.
 */
public final class DescriptorReader {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern XML_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Set<String> REFUND_FIELDS = Set.of("refundId", "orderId", "amount", "currency", "orderAmount",
            "reason", "operatorId", "terminalNo");
    private static final Set<String> ORDER_FIELDS = Set.of("amount", "refunded", "succeeded");
    private static final Set<Kind> GENERATED = EnumSet.of(Kind.NONCE, Kind.UUID, Kind.EPOCH_MS, Kind.EPOCH_S, Kind.TIME);
    /** what a request may be built from */
    private static final Set<Kind> IN_REQUESTS = union(GENERATED, EnumSet.of(Kind.REFUND, Kind.AMOUNT, Kind.ORDER_AMOUNT,
            Kind.SETTING));
    private static final Set<Kind> IN_SIGNATURES = EnumSet.of(Kind.SETTING, Kind.SANDBOX);
    private static final Set<Kind> IN_ABOUT = EnumSet.of(Kind.REFUND, Kind.AMOUNT, Kind.ORDER_AMOUNT);
    private static final Set<Kind> IN_ANSWER_TEXT = EnumSet.of(Kind.ANSWER);
    private static final Set<Kind> IN_SANDBOX = union(GENERATED, EnumSet.of(Kind.REFUND, Kind.AMOUNT, Kind.ORDER_AMOUNT,
            Kind.SETTING, Kind.SANDBOX, Kind.ORDER, Kind.SEQ, Kind.WHEN));

    static final List<String> REFUND_ANSWERS = List.of("succeeded", "processing", "failed", "order-not-found",
            "not-refundable", "amount-exceeded", "system-error");
    static final List<String> INQUIRY_ANSWERS = List.of("succeeded", "processing", "failed", "no-such-refund");
    static final List<String> ERROR_ANSWERS = List.of("unknown-merchant", "bad-signature", "bad-request");

    private final String file;
    private final List<Problem> problems;
    private final Map<String, SettingSpec> settings = new LinkedHashMap<>();
    private final Map<String, SettingSpec> account = new LinkedHashMap<>();
    /** the sandbox's error answers, which an operation's answers may be 'like' */
    private Map<String, Item> errorAnswers = Map.of();

    private DescriptorReader(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * The descriptor in {@code text}, or empty when it has problems (added to {@code problems}).
     *
     * @param file     the file, as problems name it
     * @param expected the name its file name gives ({@code NAME.provider.yaml}); null when any will do
     */
    public static Optional<Descriptor> read(String file, String text, String expected, List<Problem> problems) {
        int before = problems.size();
        DescriptorReader r = new DescriptorReader(file, problems);
        Optional<Item> root = YamlTree.parse(file, text, problems);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Descriptor d = r.descriptor(root.get(), expected);
        // a section shared by both operations is checked once for each: say each problem once
        List<Problem> found = new ArrayList<>(new LinkedHashSet<>(problems.subList(before, problems.size())));
        problems.subList(before, problems.size()).clear();
        problems.addAll(found);
        return found.isEmpty() ? Optional.ofNullable(d) : Optional.empty();
    }

    private Descriptor descriptor(Item root, String expected) {
        Map<String, Item> top = root.fields("provider", "title", "settings", "rules", "amounts", "request", "answer",
                "operations", "sandbox", "examples");
        String name = required(root, top, "provider", "the provider's name, e.g. provider: acme").flatMap(i -> i.scalar("a name"))
                .orElse(expected == null ? "?" : expected);
        if (top.containsKey("provider") && !NAME.matcher(name).matches()) {
            top.get("provider").problem("'" + name + "' is not a provider name; allowed: lower-case letters, digits and "
                    + "dashes, starting with a letter, at most 32");
        } else if (expected != null && !expected.equals(name)) {
            top.get("provider").problem("the file " + expected + ".provider.yaml names provider '" + name
                    + "'; the file's name and the provider's must be the same");
        }
        String title = Optional.ofNullable(top.get("title")).flatMap(i -> i.scalar("text")).orElse(name);
        if (top.containsKey("settings")) {
            settings.putAll(settingSpecs(top.get("settings"), false));
        }
        if (top.containsKey("sandbox")) {
            Item sb = top.get("sandbox");
            Map<String, Item> s = sb.entries();
            if (s.containsKey("account")) {
                account.putAll(settingSpecs(s.get("account"), true));
            }
            if (s.containsKey("errors") && s.get("errors").isMap()) {
                errorAnswers = s.get("errors").entries();
            }
        }
        Descriptor.Rules rules = top.containsKey("rules") ? rules(top.get("rules"))
                : new Descriptor.Rules(Set.of(), false, false, null);
        if (!top.containsKey("rules")) {
            root.problem("a descriptor needs 'rules' with at least its currencies");
        }
        AmountFormat amounts = top.containsKey("amounts") ? amounts(top.get("amounts")) : AmountFormat.MINOR;
        Map<String, Item> ops = required(root, top, "operations", "operations: refund and inquiry")
                .map(i -> i.fields("refund", "inquiry")).orElse(Map.of());
        OperationSpec refund = operation(root, ops.get("refund"), Operation.REFUND, top.get("request"), top.get("answer"));
        OperationSpec inquiry = operation(root, ops.get("inquiry"), Operation.INQUIRY, top.get("request"), top.get("answer"));
        if (top.containsKey("operations") && !ops.containsKey("refund")) {
            top.get("operations").problem("a provider needs a 'refund' operation");
        }
        if (top.containsKey("operations") && !ops.containsKey("inquiry")) {
            top.get("operations").problem("a provider needs an 'inquiry' operation: an unknown outcome is settled by asking");
        }
        SandboxSpec sandbox = required(root, top, "sandbox", "sandbox: how the sandbox answers as this provider (SPEC §7)")
                .map(i -> sandbox(i, rules)).orElse(null);
        if (refund != null && rules.amountRequired() && !usesAmount(refund.request())) {
            top.get("rules").problem("amount: required, but the refund request sends no ${amount} or ${refund.amount}");
        }
        if (refund != null && rules.orderAmountRequired() == false && usesOrderAmount(refund.request())) {
            top.get("rules").problem("the refund request sends ${order-amount}: set 'order-amount: required'");
        }
        List<Example> examples = top.containsKey("examples") ? examples(top.get("examples")) : List.of();
        if (refund == null || inquiry == null || sandbox == null) {
            return null;
        }
        return new Descriptor(name, title, file, List.copyOf(settings.values()), rules, amounts, refund, inquiry, sandbox,
                examples);
    }

    private static boolean usesAmount(RequestSpec r) {
        return exprs(r).stream().anyMatch(e -> e.kind() == Kind.AMOUNT || (e.kind() == Kind.REFUND && e.name().equals("amount")));
    }

    private static boolean usesOrderAmount(RequestSpec r) {
        return exprs(r).stream().anyMatch(e -> e.kind() == Kind.ORDER_AMOUNT
                || (e.kind() == Kind.REFUND && e.name().equals("orderAmount")));
    }

    private static List<Expr> exprs(RequestSpec r) {
        List<Expr> out = new ArrayList<>();
        collect(r.fields(), out);
        r.parts().values().forEach(p -> collect(p.fields(), out));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> tree, List<Expr> out) {
        for (Object v : tree.values()) {
            if (v instanceof Template t) {
                out.addAll(t.exprs());
            } else if (v instanceof Map<?, ?> m) {
                collect((Map<String, Object>) m, out);
            }
        }
    }

    // ---- settings ----

    private Map<String, SettingSpec> settingSpecs(Item node, boolean sandboxAccount) {
        Map<String, SettingSpec> out = new LinkedHashMap<>();
        for (Map.Entry<String, Item> e : node.entries().entrySet()) {
            String key = e.getKey();
            Item item = e.getValue();
            if (!NAME.matcher(key).matches()) {
                item.problem("'" + key + "' is not a setting name; allowed: lower-case letters, digits and dashes");
                continue;
            }
            if (!sandboxAccount && (com.refundhub.config.Channels.COMMON.stream().anyMatch(s -> s.key().equals(key))
                    || key.equals("type"))) {
                item.problem("'" + key + "' is a key every channel has already (SPEC §5); a provider's settings are its own");
                continue;
            }
            Map<String, Item> f = item.fields("type", "required", "secret", "default", "one-of", "description");
            String type = text(f.get("type")).orElse("text");
            List<String> oneOf = f.containsKey("one-of") ? f.get("one-of").items().stream()
                    .map(i -> i.scalar("a value").orElse("")).toList() : List.of();
            ValueType<String> valueType = switch (type) {
                case "text" -> oneOf.isEmpty() ? Types.TEXT : Types.choice(oneOf);
                case "private-key" -> PemKeys.PRIVATE_KEY_FILE;
                case "public-key" -> PemKeys.PUBLIC_KEY_FILE;
                case "currency" -> Types.CURRENCY;
                case "integer" -> Types.TEXT.checked("an integer", t -> {
                    if (!t.matches("-?[0-9]{1,18}")) {
                        throw new IllegalArgumentException("not an integer");
                    }
                });
                default -> {
                    f.get("type").problem("unknown type '" + type + "'; allowed: text, integer, currency, private-key, "
                            + "public-key");
                    yield Types.TEXT;
                }
            };
            if (!oneOf.isEmpty() && !type.equals("text")) {
                f.get("one-of").problem("one-of is for text settings");
            }
            boolean required = flag(f.get("required"), false);
            boolean secret = flag(f.get("secret"), false);
            String def = f.containsKey("default") ? f.get("default").scalar("a value").orElse(null) : null;
            String description = text(f.get("description")).orElse(key);
            if (def != null && required) {
                f.get("default").problem("a required setting has no default: drop one of 'required' and 'default'");
            }
            Setting<String> s = new Setting<>(key, valueType, null, null, description, false, required);
            if (def != null) {
                try {
                    s = new Setting<>(key, valueType, def, null, description, false, false);
                } catch (IllegalArgumentException ex) {
                    f.get("default").problem("'" + def + "': " + ex.getMessage() + "; allowed: " + valueType.allowed());
                }
            }
            if (secret) {
                s = s.secret();
            }
            out.put(key, new SettingSpec(key, type, oneOf, def, required, secret, description, s));
        }
        return out;
    }

    // ---- rules and amounts ----

    private Descriptor.Rules rules(Item node) {
        Map<String, Item> f = node.fields("currencies", "amount", "order-amount", "max-amount");
        Set<String> currencies = new LinkedHashSet<>();
        Optional.ofNullable(f.get("currencies")).ifPresentOrElse(c -> c.items().forEach(i -> i.scalar("a currency")
                .ifPresent(code -> {
                    if (Money.isKnownCurrency(code)) {
                        currencies.add(code);
                    } else {
                        i.problem("'" + code + "' is not a currency the hub knows; allowed: "
                                + String.join(", ", Money.knownCurrencies()));
                    }
                })), () -> node.problem("rules need 'currencies': the currencies a channel of this type takes"));
        String amount = choice(f.get("amount"), "none", "none", "required");
        String orderAmount = choice(f.get("order-amount"), "optional", "optional", "required");
        Long max = null;
        if (f.containsKey("max-amount")) {
            max = f.get("max-amount").scalar("an integer").filter(t -> t.matches("[1-9][0-9]{0,17}")).map(Long::parseLong)
                    .orElse(null);
            if (max == null) {
                f.get("max-amount").problem("must be a positive integer of minor units");
            }
        }
        return new Descriptor.Rules(Set.copyOf(currencies), amount.equals("required"), orderAmount.equals("required"), max);
    }

    private AmountFormat amounts(Item node) {
        Map<String, Item> f = node.fields("format", "decimals");
        String format = choice(f.get("format"), "minor", "minor", "minor-text", "major");
        Map<String, Integer> decimals = new LinkedHashMap<>();
        if (f.containsKey("decimals")) {
            if (!format.equals("major")) {
                f.get("decimals").problem("decimals are for format: major");
            }
            f.get("decimals").entries().forEach((currency, v) -> {
                if (!Money.isKnownCurrency(currency)) {
                    v.problem("'" + currency + "' is not a currency the hub knows; allowed: "
                            + String.join(", ", Money.knownCurrencies()));
                    return;
                }
                Optional<String> t = v.scalar("an integer");
                int max = Money.exponent(currency);
                if (t.isEmpty() || !t.get().matches("[0-9]") || Integer.parseInt(t.get()) > max) {
                    v.problem("decimals of " + currency + " must be from 0 to " + max + " (its ISO 4217 exponent)");
                } else {
                    decimals.put(currency, Integer.parseInt(t.get()));
                }
            });
        }
        AmountFormat.Style style = switch (format) {
            case "minor-text" -> AmountFormat.Style.MINOR_TEXT;
            case "major" -> AmountFormat.Style.MAJOR;
            default -> AmountFormat.Style.MINOR;
        };
        return new AmountFormat(style, Map.copyOf(decimals));
    }

    // ---- operations ----

    private OperationSpec operation(Item root, Item node, Operation operation, Item sharedRequest, Item sharedAnswer) {
        if (node == null) {
            return null;
        }
        Map<String, Item> f = node.fields("path", "method", "client-certificate", "request", "answer", "sandbox");
        String method = choice(f.get("method"), "POST", "POST", "PUT", "PATCH", "GET");
        Template path = required(node, f, "path", "the operation's path, e.g. /v1/refunds")
                .flatMap(i -> template(i, IN_REQUESTS)).orElse(Template.literal("/"));
        if (!path.source().startsWith("/")) {
            f.get("path").problem("a path starts with '/'");
        }
        ClientCertificate cert = switch (choice(f.get("client-certificate"), "none", "none", "optional", "required")) {
            case "required" -> ClientCertificate.REQUIRED;
            case "optional" -> ClientCertificate.OPTIONAL;
            default -> ClientCertificate.NONE;
        };
        Merged request = Merged.of(sharedRequest).with(f.get("request"));
        Merged answer = Merged.of(sharedAnswer).with(f.get("answer"));
        if (request.isEmpty()) {
            node.problem("no request: give 'request' here or at the top for every operation");
        }
        if (answer.isEmpty()) {
            node.problem("no answer: give 'answer' here or at the top for every operation");
        }
        RequestSpec r = request(request, method);
        AnswerSpec a = answer(answer, operation);
        Map<String, SandboxAnswer> sandbox = f.containsKey("sandbox") ? sandboxAnswers(f.get("sandbox"),
                operation == Operation.REFUND ? REFUND_ANSWERS : INQUIRY_ANSWERS) : Map.of();
        if (!f.containsKey("sandbox")) {
            node.problem("no 'sandbox' answers for " + operation.tableName() + ": " + String.join(", ",
                    operation == Operation.REFUND ? REFUND_ANSWERS : INQUIRY_ANSWERS));
        }
        return r == null || a == null ? null : new OperationSpec(operation, method, path, r, a, cert, sandbox);
    }

    private RequestSpec request(Merged m, String method) {
        if (m.isEmpty()) {
            return null;
        }
        m.allow("encoding", "content-type", "xml-root", "headers", "fields", "parts", "signature");
        Encoding encoding = encoding(m.item("encoding"));
        String xmlRoot = m.text("xml-root").orElse("xml");
        if (m.item("xml-root") != null && !XML_NAME.matcher(xmlRoot).matches()) {
            m.item("xml-root").problem("'" + xmlRoot + "' is not an XML element name");
        }
        Map<String, Template> headers = new LinkedHashMap<>();
        m.map("headers").forEach((name, item) -> template(item, IN_REQUESTS).ifPresent(t -> headers.put(name, t)));
        Map<String, PartSpec> parts = new LinkedHashMap<>();
        m.submap("parts").entries().forEach((name, value) -> {
            if (!(value instanceof Merged part)) {
                ((Item) value).problem("a part is a map: encoding and fields");
                return;
            }
            part.allow("encoding", "fields");
            Encoding pe = encoding(part.item("encoding"));
            parts.put(name, new PartSpec(name, pe, tree(part.submap("fields"), pe, Set.of())));
        });
        Map<String, Object> fields = tree(m.submap("fields"), encoding, parts.keySet());
        if ((method.equals("GET")) && encoding != Encoding.FORM) {
            Optional.ofNullable(m.item("encoding")).orElse(m.anyItem()).problem("a GET sends no body: its fields go in the "
                    + "query, so its encoding must be form");
        }
        Set<String> used = new TreeSet<>();
        usedParts(fields, used);
        for (String p : parts.keySet()) {
            if (!used.contains(p)) {
                ((Merged) m.submap("parts").entries().get(p)).anyItem().problem("part '" + p + "' is not in the body: "
                        + "put ${part." + p + "} where it goes");
            }
        }
        SignatureSpec signature = m.item("signature") == null ? null
                : signature(m.item("signature"), new Shape(encoding, fields, parts), true);
        if (m.item("signature") == null) {
            m.anyItem().problem("no request signature: every provider of the hub signs its requests (SPEC §6)");
        }
        return new RequestSpec(encoding, m.text("content-type").orElse(encoding.contentType()), xmlRoot, headers, fields,
                parts, signature);
    }

    @SuppressWarnings("unchecked")
    private static void usedParts(Map<String, Object> tree, Set<String> out) {
        for (Object v : tree.values()) {
            if (v instanceof PartRef p) {
                out.add(p.name());
            } else if (v instanceof Map<?, ?> m) {
                usedParts((Map<String, Object>) m, out);
            }
        }
    }

    /** A field tree of a body or part: templates, nested trees where the encoding nests, part references. */
    private Map<String, Object> tree(Merged m, Encoding encoding, Set<String> parts) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.entries().forEach((name, value) -> {
            Item where = value instanceof Item i ? i : ((Merged) value).anyItem();
            if (encoding == Encoding.XML && !XML_NAME.matcher(name).matches()) {
                where.problem("'" + name + "' cannot be an XML element name");
            }
            if (value instanceof Merged nested) {
                if (!encoding.nests()) {
                    where.problem("a " + encoding.name().toLowerCase() + " body is flat: '" + name + "' cannot hold "
                            + "fields; put a JSON text in a part (parts:, ${part.NAME})");
                    return;
                }
                out.put(name, tree(nested, encoding, parts));
                return;
            }
            Item item = (Item) value;
            if (item.isNull()) {
                return;
            }
            if (!item.isScalar()) {
                item.problem("a field is a value or a map of fields");
                return;
            }
            String text = item.text();
            if (text.startsWith("${part.") && text.endsWith("}")) {
                String part = text.substring(7, text.length() - 1);
                if (!parts.contains(part)) {
                    item.problem("no part '" + part + "'" + near(part, parts));
                }
                out.put(name, new PartRef(part));
                return;
            }
            template(item, IN_REQUESTS).ifPresent(t -> out.put(name, t));
        });
        return out;
    }

    private AnswerSpec answer(Merged m, Operation operation) {
        if (m.isEmpty()) {
            return null;
        }
        m.allow("encoding", "requires", "signature", "unsigned-errors", "code", "message", "provider-refund-id", "about",
                "order-refunded", "outcomes");
        Encoding encoding = encoding(m.item("encoding"));
        List<String> requires = new ArrayList<>();
        if (m.item("requires") != null) {
            m.item("requires").items().forEach(i -> i.scalar("a path").ifPresent(p -> {
                answerPath(i, p, encoding);
                requires.add(p);
            }));
        }
        SignatureSpec signature = m.item("signature") == null ? null
                : signature(m.item("signature"), new Shape(encoding, null, Map.of()), false);
        if (m.item("signature") == null) {
            m.anyItem().problem("no answer signature: the hub checks every provider signature (SPEC §6)");
        }
        List<Condition> unsigned = m.item("unsigned-errors") == null ? List.of()
                : conditions(m.item("unsigned-errors"), encoding, false);
        List<Template> code = candidates(m.item("code"), encoding);
        List<Template> message = candidates(m.item("message"), encoding);
        String refundId = m.text("provider-refund-id").orElse(null);
        if (refundId != null) {
            answerPath(m.item("provider-refund-id"), refundId, encoding);
        }
        Map<String, Template> about = new LinkedHashMap<>();
        m.map("about").forEach((path, item) -> {
            answerPath(item, path, encoding);
            template(item, IN_ABOUT).ifPresent(t -> about.put(path, t));
        });
        String orderRefunded = m.text("order-refunded").orElse(null);
        if (orderRefunded != null) {
            answerPath(m.item("order-refunded"), orderRefunded, encoding);
        }
        if (orderRefunded != null && operation == Operation.REFUND) {
            m.item("order-refunded").problem("order-refunded is for inquiries that answer about the whole order");
        }
        OutcomeTable outcomes = m.item("outcomes") == null ? new OutcomeTable(List.of())
                : outcomes(m.item("outcomes"), encoding, operation, orderRefunded != null);
        if (m.item("outcomes") == null) {
            m.anyItem().problem("no outcomes for " + operation.tableName() + ": the table of what its answers mean");
        }
        if (code.isEmpty()) {
            m.anyItem().problem("no 'code': the path of the provider's return code, kept on the refund");
        }
        return signature == null ? null : new AnswerSpec(encoding, List.copyOf(requires), signature, unsigned, code,
                message, refundId, about, orderRefunded, outcomes);
    }

    private List<Template> candidates(Item node, Encoding encoding) {
        List<Template> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (Item i : node.items()) {
            i.scalar("a path or a text with ${answer.PATH}").ifPresent(text -> {
                if (text.contains("${")) {
                    template(i, IN_ANSWER_TEXT).ifPresent(t -> {
                        t.exprs().forEach(e -> answerPath(i, e.name(), encoding));
                        out.add(t);
                    });
                } else {
                    answerPath(i, text, encoding);
                    Template.parse("${answer." + text + "}", false, i::problem).ifPresent(out::add);
                }
            });
        }
        return out;
    }

    private void answerPath(Item where, String path, Encoding encoding) {
        if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            where.problem("'" + path + "' is not a path: names joined by dots, e.g. data.sign");
        } else if (!encoding.nests() && path.contains(".")) {
            where.problem("'" + path + "' cannot exist in a form answer, which is flat");
        }
    }

    // ---- outcome tables ----

    private OutcomeTable outcomes(Item node, Encoding encoding, Operation operation, boolean aboutOrder) {
        List<OutcomeRow> rows = new ArrayList<>();
        boolean fallback = false;
        for (Item row : node.items()) {
            Map<String, Item> f = row.fields("if", "then");
            if (fallback) {
                row.problem("unreachable: the row before it has no 'if' and matches every answer");
            }
            List<Condition> conditions = f.containsKey("if") ? conditions(f.get("if"), encoding, aboutOrder) : List.of();
            if (f.containsKey("if") && conditions.isEmpty()) {
                f.get("if").problem("an empty 'if': leave it out for the fallback row");
            }
            fallback |= conditions.isEmpty();
            Optional<String> then = required(row, f, "then", "what the answer means, e.g. then: FAILED NOT_REFUNDABLE")
                    .flatMap(i -> i.scalar("an outcome"));
            if (then.isEmpty()) {
                continue;
            }
            outcome(f.get("then"), then.get(), operation)
                    .ifPresent(o -> rows.add(new OutcomeRow(conditions, o.kind(), o.code(), row.line())));
        }
        return new OutcomeTable(List.copyOf(rows));
    }

    private record Then(ProviderOutcome.Kind kind, ReasonCode code) {
    }

    private Optional<Then> outcome(Item where, String text, Operation operation) {
        String[] words = text.trim().split("\\s+");
        String allowed = "SUCCEEDED, PENDING, FAILED CODE, UNKNOWN [CODE]"
                + (operation == Operation.INQUIRY ? ", NO_SUCH_REFUND" : "");
        ProviderOutcome.Kind kind;
        try {
            kind = ProviderOutcome.Kind.valueOf(words[0]);
        } catch (IllegalArgumentException e) {
            where.problem("'" + words[0] + "' is not an outcome; allowed: " + allowed);
            return Optional.empty();
        }
        ReasonCode code = null;
        if (words.length > 1) {
            try {
                code = ReasonCode.valueOf(words[1]);
            } catch (IllegalArgumentException e) {
                where.problem("'" + words[1] + "' is not a canonical code" + near(words[1], names(ReasonCode.values()))
                        + "; allowed: " + String.join(", ", names(ReasonCode.values())));
                return Optional.empty();
            }
        }
        switch (kind) {
            case SUCCEEDED, PENDING -> {
                if (code != null) {
                    where.problem(kind + " takes no code");
                }
            }
            case FAILED -> {
                if (code == null) {
                    where.problem("FAILED needs a canonical code, e.g. FAILED NOT_REFUNDABLE");
                }
            }
            case UNKNOWN -> code = code == null ? ReasonCode.OUTCOME_UNKNOWN : code;
            case NO_SUCH_REFUND -> {
                if (operation != Operation.INQUIRY) {
                    where.problem("NO_SUCH_REFUND is what an inquiry may say; a refund call's answer cannot");
                }
            }
            default -> {
                where.problem("an answer cannot mean " + kind + "; allowed: " + allowed);
                return Optional.empty();
            }
        }
        if (words.length > 2) {
            where.problem("'" + text + "': an outcome is KIND [CODE]");
        }
        return Optional.of(new Then(kind, code));
    }

    private List<Condition> conditions(Item node, Encoding encoding, boolean aboutOrder) {
        List<Condition> out = new ArrayList<>();
        node.entries().forEach((path, test) -> {
            if (path.equals(Condition.COVERAGE)) {
                if (!aboutOrder) {
                    test.problem("$coverage needs 'order-refunded': the path where the answer says what the order has "
                            + "had refunded");
                }
            } else {
                answerPath(test, path, encoding);
            }
            if (test.isMap()) {
                Map<String, Item> f = test.fields("not", "present");
                if (f.containsKey("present")) {
                    out.add(new Condition(path, List.of(), false, flag(f.get("present"), true)));
                } else if (f.containsKey("not")) {
                    out.add(new Condition(path, values(f.get("not")), true, null));
                } else {
                    test.problem("a test is a value, a list of values, {not: VALUE} or {present: true|false}");
                }
            } else {
                List<String> values = values(test);
                if (path.equals(Condition.COVERAGE)) {
                    values.stream().filter(v -> !Set.of("COVERED", "MISSING", "UNCLEAR").contains(v)).forEach(v ->
                            test.problem("'" + v + "' is not a coverage; allowed: COVERED, MISSING, UNCLEAR"));
                }
                out.add(new Condition(path, values, false, null));
            }
        });
        return out;
    }

    private static List<String> values(Item node) {
        return node.items().stream().map(i -> i.scalar("a value").orElse("")).toList();
    }

    // ---- signatures ----

    /** What a signature's paths are checked against: the body's encoding, and for requests its fields and parts. */
    private record Shape(Encoding encoding, Map<String, Object> fields, Map<String, PartSpec> parts) {
    }

    private SignatureSpec signature(Item node, Shape shape, boolean request) {
        Map<String, Item> f = node.fields("recipe", "fields", "text", "empty", "exclude", "append", "digest", "key",
                "case", "private-key", "public-key", "at");
        String recipeName = required(node, f, "recipe", "the signing recipe: sorted-fields, rsa or text-digest")
                .flatMap(i -> i.scalar("a recipe")).orElse(null);
        Optional<SigningRecipe> recipe = recipeName == null ? Optional.empty() : SigningRecipe.named(recipeName);
        if (recipeName != null && recipe.isEmpty()) {
            f.get("recipe").problem("unknown recipe '" + recipeName + "'" + near(recipeName,
                    SigningRecipe.ALL.stream().map(SigningRecipe::name).toList())
                    + "; allowed: sorted-fields, rsa, text-digest");
        }
        String fields = text(f.get("fields")).orElse(null);
        String text = text(f.get("text")).orElse(null);
        recipe.ifPresent(r -> {
            switch (r.input()) {
                case FIELDS -> {
                    if (fields == null) {
                        node.problem(r.name() + " signs fields: give 'fields' (. for the whole body)");
                    }
                    if (text != null) {
                        f.get("text").problem(r.name() + " signs fields, not text");
                    }
                }
                case TEXT -> {
                    if (text == null) {
                        node.problem(r.name() + " signs the exact text of a part: give 'text'");
                    }
                    if (fields != null) {
                        f.get("fields").problem(r.name() + " signs text, not fields");
                    }
                }
                default -> {
                    if ((fields == null) == (text == null)) {
                        node.problem(r.name() + " signs either 'fields' or the 'text' of a part: give one of them");
                    }
                }
            }
        });
        if (fields != null && !fields.equals(".")) {
            objectPath(f.get("fields"), fields, shape);
        }
        if (".".equals(text)) {
            if (!request) {
                f.get("text").problem("'text: .' (the whole body) is for requests, whose signature goes in a header");
            } else if (f.containsKey("at") && !text(f.get("at")).orElse("").startsWith("header:")) {
                f.get("at").problem("a signature over the whole body cannot be in the body: at: header:NAME");
            }
        } else if (text != null) {
            if (request && !shape.parts().containsKey(text)) {
                f.get("text").problem("no part '" + text + "' in the request" + near(text, shape.parts().keySet())
                        + "; the exact text signed is a part's (parts:), or the whole body's (.)");
            } else if (!request) {
                answerPath(f.get("text"), text, shape.encoding());
                if (shape.encoding() != Encoding.JSON) {
                    f.get("text").problem("the exact text of a member can be taken from a JSON answer only");
                }
            }
        }
        boolean skipEmpty = choice(f.get("empty"), "skip", "skip", "keep").equals("skip");
        List<String> exclude = f.containsKey("exclude") ? values(f.get("exclude")) : List.of();
        Template append = f.containsKey("append") ? template(f.get("append"), IN_SIGNATURES).orElse(null) : null;
        Template digest = f.containsKey("digest") ? template(f.get("digest"), IN_SIGNATURES).orElse(null) : null;
        Template key = f.containsKey("key") ? template(f.get("key"), IN_SIGNATURES).orElse(null) : null;
        Template privateKey = f.containsKey("private-key") ? template(f.get("private-key"), IN_SIGNATURES).orElse(null) : null;
        Template publicKey = f.containsKey("public-key") ? template(f.get("public-key"), IN_SIGNATURES).orElse(null) : null;
        boolean upper = choice(f.get("case"), "lower", "lower", "upper").equals("upper");
        recipe.ifPresent(r -> {
            List<String> algorithms = algorithms(f.get("digest"), digest, r);
            if (algorithms.contains("HMACSHA256") && key == null) {
                node.problem("HMAC-SHA256 needs 'key', e.g. key: ${setting.key}");
            }
            if (r.name().equals("rsa")) {
                if (privateKey == null) {
                    node.problem("rsa needs 'private-key': " + (request ? "the merchant's (${setting.NAME})"
                            : "the sandbox's, to sign its answers (${sandbox.NAME})"));
                }
                if (publicKey == null) {
                    node.problem("rsa needs 'public-key': " + (request ? "the sandbox's copy of the merchant's, to check "
                            + "requests (${sandbox.NAME})" : "the provider's (${setting.NAME})"));
                }
                if (f.containsKey("case")) {
                    f.get("case").problem("rsa signatures are base64: 'case' is for hex digests");
                }
            } else if (privateKey != null || publicKey != null) {
                node.problem(r.name() + " uses no RSA keys");
            }
        });
        String at = required(node, f, "at", "where the signature is: a field (sign, data.sign) or header:NAME")
                .flatMap(i -> i.scalar("a path")).orElse("sign");
        if (f.containsKey("at") && !at.startsWith("header:")) {
            if (!shape.encoding().nests() && at.contains(".")) {
                f.get("at").problem("'" + at + "' cannot exist in a form body, which is flat");
            } else if (request && at.contains(".")) {
                objectPath(f.get("at"), at.substring(0, at.lastIndexOf('.')), shape);
            } else {
                answerPath(f.get("at"), at, shape.encoding());
            }
        }
        return new SignatureSpec(recipeName, fields, text, skipEmpty, exclude, append, digest, key, upper, privateKey,
                publicKey, at);
    }

    /** The algorithms a signature may use: its literal one, or every value of the one-of setting it names. */
    private List<String> algorithms(Item where, Template digest, SigningRecipe recipe) {
        if (digest == null) {
            return List.of(recipe.defaultAlgorithm());
        }
        List<String> candidates;
        if (digest.isLiteral()) {
            candidates = List.of(digest.source());
        } else if (digest.single().isPresent() && digest.single().get().kind() == Kind.SETTING
                && settings.containsKey(digest.single().get().name())
                && !settings.get(digest.single().get().name()).oneOf().isEmpty()) {
            candidates = settings.get(digest.single().get().name()).oneOf();
        } else {
            where.problem("must be an algorithm, or ${setting.NAME} of a setting with one-of; allowed: "
                    + String.join(", ", recipe.algorithms()));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String c : candidates) {
            String n = SigningRecipe.normalise(c);
            if (!recipe.algorithms().contains(n)) {
                where.problem("'" + c + "' is out of range for " + recipe.name() + "; allowed: "
                        + String.join(", ", recipe.algorithms()));
            } else {
                out.add(n);
            }
        }
        return out;
    }

    /** A path of the request's body that must be an object (the fields a signature covers, the parent of 'at'). */
    @SuppressWarnings("unchecked")
    private void objectPath(Item where, String path, Shape shape) {
        if (shape.fields() == null) {
            answerPath(where, path, shape.encoding());
            return;
        }
        Map<String, Object> at = shape.fields();
        for (String name : path.split("\\.")) {
            Object next = at.get(name);
            if (next instanceof PartRef p && shape.parts().containsKey(p.name())) {
                at = shape.parts().get(p.name()).fields();
            } else if (next instanceof Map<?, ?> m) {
                at = (Map<String, Object>) m;
            } else {
                where.problem("'" + path + "' is not an object of the request body" + near(name, at.keySet()));
                return;
            }
        }
    }

    // ---- the sandbox ----

    private SandboxSpec sandbox(Item node, Descriptor.Rules rules) {
        Map<String, Item> f = node.fields("account", "channel", "errors");
        Map<String, String> channel = new LinkedHashMap<>();
        if (f.containsKey("channel")) {
            f.get("channel").entries().forEach((k, v) -> {
                if (!settings.containsKey(k)) {
                    v.unknown(k, settings.keySet());
                }
                v.scalar("a value").ifPresent(t -> channel.put(k, t));
            });
        }
        for (SettingSpec s : settings.values()) {
            if (s.required() && !channel.containsKey(s.name()) && !account.containsKey(s.name())) {
                node.problem("the sandbox needs a value for setting '" + s.name() + "' of its channel: give it in "
                        + "sandbox.channel, or an account setting of the same name");
            }
        }
        Map<String, SandboxAnswer> errors = f.containsKey("errors") ? sandboxAnswers(f.get("errors"), ERROR_ANSWERS) : Map.of();
        if (!f.containsKey("errors")) {
            node.problem("no 'errors': the sandbox's answers to " + String.join(", ", ERROR_ANSWERS));
        }
        return new SandboxSpec(List.copyOf(account.values()), channel, errors);
    }

    /**
     * The sandbox's answers of a section: those it needs ({@code names}), and any other, which answers can be like
     * (a base that keeps the shared fields in one place).
     */
    private Map<String, SandboxAnswer> sandboxAnswers(Item node, List<String> names) {
        Map<String, Item> entries = node.entries();
        Map<String, SandboxAnswer> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(names);
        entries.keySet().stream().filter(n -> !names.contains(n)).forEach(all::add);
        for (String name : all) {
            Item a = entries.get(name);
            if (a == null) {
                boolean optional = name.equals("not-refundable") || name.equals("amount-exceeded");
                if (!optional) {
                    node.problem("no sandbox answer '" + name + "'" + near(name, entries.keySet()) + "; needed: "
                            + String.join(", ", names));
                }
                continue;
            }
            Map<String, Item> f = a.fields("like", "fields", "signed", "status", "text");
            Merged fields = Merged.of(null);
            Set<String> seen = new LinkedHashSet<>(List.of(name));
            Item like = f.get("like");
            List<Item> chain = new ArrayList<>();
            chain.add(a);
            while (like != null) {
                String other = like.scalar("an answer's name").orElse("");
                Item target = entries.containsKey(other) ? entries.get(other) : errorAnswers.get(other);
                if (target == null || !seen.add(other)) {
                    like.problem(target == null ? "no answer '" + other + "' here or in sandbox.errors"
                            + near(other, entries.keySet())
                            : "answers cannot be like each other in a circle");
                    break;
                }
                chain.add(0, target);
                like = target.entries().get("like");
            }
            for (Item c : chain) {
                fields = fields.with(c.entries().get("fields"));
            }
            int status = 200;
            if (f.containsKey("status")) {
                Optional<String> s = f.get("status").scalar("an HTTP status");
                if (s.isEmpty() || !s.get().matches("[1-5][0-9][0-9]")) {
                    f.get("status").problem("must be an HTTP status, 100 to 599");
                } else {
                    status = Integer.parseInt(s.get());
                }
            }
            String text = text(f.get("text")).orElse(null);
            if (text != null && f.containsKey("fields")) {
                f.get("text").problem("an answer has 'fields' or a literal 'text', not both");
            }
            Map<String, Object> tree = sandboxTree(fields);
            if (text == null && tree.isEmpty()) {
                a.problem("an answer needs 'fields' (or 'like' another) or a literal 'text'");
            }
            boolean signed = true;
            for (Item c : chain) {   // an answer like another is signed as it is, unless it says otherwise
                Item own = c.entries().get("signed");
                if (own != null) {
                    signed = flag(own, true);
                }
            }
            out.put(name, new SandboxAnswer(name, tree, signed, status, text));
        }
        return out;
    }

    private Map<String, Object> sandboxTree(Merged m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.entries().forEach((name, value) -> {
            if (value instanceof Merged nested) {
                out.put(name, sandboxTree(nested));
                return;
            }
            Item item = (Item) value;
            if (item.isNull()) {
                return;   // null leaves a field of the answer it is like out
            }
            if (item.isScalar()) {
                template(item, IN_SANDBOX).ifPresent(t -> out.put(name, t));
            } else {
                item.problem("a field is a value or a map of fields");
            }
        });
        return out;
    }

    // ---- examples ----

    private List<Example> examples(Item node) {
        List<Example> out = new ArrayList<>();
        for (Item e : node.items()) {
            Map<String, Item> f = e.fields("name", "operation", "channel", "refund", "inputs", "body", "headers", "answer",
                    "verdict", "then");
            String name = required(e, f, "name", "a name for the example").flatMap(i -> i.scalar("text")).orElse("?");
            String op = choice(f.get("operation"), "refund", "refund", "inquiry");
            if (f.containsKey("body") == f.containsKey("answer")) {
                e.problem("an example is a request ('body': the exact text sent) or an answer ('answer': its exact text)");
            }
            if (f.containsKey("answer") && !f.containsKey("verdict")) {
                e.problem("an answer example says how it is read: verdict: VERIFIED | UNSIGNED | BAD_SIGNATURE | "
                        + "MISMATCH | UNPARSEABLE");
            }
            String verdict = f.containsKey("verdict") ? choice(f.get("verdict"), "VERIFIED", "VERIFIED", "UNSIGNED",
                    "BAD_SIGNATURE", "MISMATCH", "UNPARSEABLE") : null;
            Map<String, String> refund = strings(f.get("refund"));
            refund.keySet().stream().filter(k -> !REFUND_FIELDS.contains(k)).forEach(k -> f.get("refund").unknown(k, REFUND_FIELDS));
            if (!refund.containsKey("refundId") || !refund.containsKey("orderId")) {
                e.problem("an example's refund needs refundId and orderId");
            }
            Map<String, String> channel = strings(f.get("channel"));
            channel.keySet().stream().filter(k -> !settings.containsKey(k)).forEach(k -> f.get("channel").unknown(k, settings.keySet()));
            Map<String, String> inputs = strings(f.get("inputs"));
            inputs.keySet().stream().filter(k -> !Set.of("nonce", "uuid", "time").contains(k))
                    .forEach(k -> f.get("inputs").unknown(k, Set.of("nonce", "uuid", "time")));
            String then = text(f.get("then")).orElse(null);
            if (then != null) {
                outcome(f.get("then"), then, op.equals("refund") ? Operation.REFUND : Operation.INQUIRY);
            }
            if (f.containsKey("headers") && !f.containsKey("body")) {
                f.get("headers").problem("headers are what a request example must carry: give its body too");
            }
            out.add(new Example(name, e.line(), op.equals("refund") ? Operation.REFUND : Operation.INQUIRY, channel,
                    refund, inputs, text(f.get("body")).orElse(null), strings(f.get("headers")),
                    text(f.get("answer")).orElse(null), verdict, then));
        }
        return out;
    }

    private static Map<String, String> strings(Item node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null) {
            node.entries().forEach((k, v) -> v.scalar("a value").ifPresent(t -> out.put(k, t)));
        }
        return out;
    }

    // ---- small helpers ----

    private Optional<Template> template(Item item, Set<Kind> allowed) {
        Optional<String> text = item.scalar("a value");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Template> t = Template.parse(text.get(), item.isPlain(), item::problem);
        if (t.isEmpty()) {
            return t;
        }
        boolean ok = true;
        for (Expr e : t.get().exprs()) {
            ok &= check(item, e, allowed);
        }
        return ok ? t : Optional.empty();
    }

    private boolean check(Item item, Expr e, Set<Kind> allowed) {
        if (!allowed.contains(e.kind())) {
            return item.problem("'${" + e.text() + "}' cannot be used here; allowed: " + String.join(", ",
                    allowed.stream().map(k -> k.name().toLowerCase().replace('_', '-')).sorted().toList()));
        }
        return switch (e.kind()) {
            case REFUND -> REFUND_FIELDS.contains(e.name()) || item.problem("no refund field '" + e.name() + "'"
                    + near(e.name(), REFUND_FIELDS) + "; allowed: " + String.join(", ", new TreeSet<>(REFUND_FIELDS)));
            case SETTING -> settings.containsKey(e.name()) || (allowed == IN_SANDBOX && account.containsKey(e.name()))
                    || item.problem("no setting '" + e.name() + "'" + near(e.name(), settings.keySet())
                    + "; declare it under settings");
            case SANDBOX -> account.containsKey(e.name()) || item.problem("no sandbox account setting '" + e.name()
                    + "'" + near(e.name(), account.keySet()) + "; declare it under sandbox.account");
            case ORDER -> ORDER_FIELDS.contains(e.name()) || item.problem("no order value '" + e.name() + "'; allowed: "
                    + String.join(", ", new TreeSet<>(ORDER_FIELDS)));
            default -> true;
        };
    }

    private Optional<Item> required(Item where, Map<String, Item> fields, String name, String what) {
        Item i = fields.get(name);
        if (i == null) {
            where.problem("'" + name + "' is missing: " + what);
        }
        return Optional.ofNullable(i);
    }

    private static Optional<String> text(Item item) {
        return item == null ? Optional.empty() : item.scalar("text");
    }

    private static boolean flag(Item item, boolean fallback) {
        if (item == null) {
            return fallback;
        }
        String t = item.scalar("true or false").orElse("");
        if (!t.equals("true") && !t.equals("false")) {
            item.problem("'" + t + "' is not true or false");
            return fallback;
        }
        return Boolean.parseBoolean(t);
    }

    private static String choice(Item item, String fallback, String... allowed) {
        if (item == null) {
            return fallback;
        }
        String t = item.scalar("one of " + String.join(", ", allowed)).orElse(fallback);
        for (String a : allowed) {
            if (a.equalsIgnoreCase(t)) {
                return a;
            }
        }
        item.problem("'" + t + "' is not allowed; allowed: " + String.join(", ", allowed));
        return fallback;
    }

    private static Encoding encoding(Item item) {
        return switch (choice(item, "json", "json", "form", "xml")) {
            case "form" -> Encoding.FORM;
            case "xml" -> Encoding.XML;
            default -> Encoding.JSON;
        };
    }

    private static String near(String name, java.util.Collection<String> known) {
        return com.refundhub.config.Suggestions.nearest(name, known).map(n -> "; did you mean '" + n + "'?").orElse("");
    }

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
    }

    @SafeVarargs
    private static <E extends Enum<E>> Set<E> union(Set<E> a, Set<E>... more) {
        Set<E> out = EnumSet.copyOf(a);
        for (Set<E> m : more) {
            out.addAll(m);
        }
        return out;
    }

    /**
     * A map section made of a shared one and an operation's own: fields and parts merged (the shared first, nested maps
     * merged, the operation's replacing a value of the same name), any other key the operation's.
     */
    static final class Merged {
        private final Map<String, Object> entries = new LinkedHashMap<>();   // Item, or Merged for maps
        private Item anchor;

        static Merged of(Item node) {
            return new Merged().with(node);
        }

        Merged with(Item node) {
            if (node == null) {
                return this;
            }
            if (anchor == null) {
                anchor = node;
            }
            if (!node.isMap()) {
                node.entries();   // reports that a map was expected
                return this;
            }
            node.entries().forEach((k, v) -> {
                Object existing = entries.get(k);
                if (v.isMap()) {
                    Merged m = existing instanceof Merged e ? e : new Merged();
                    entries.put(k, m.with(v));
                } else {
                    entries.put(k, v);
                }
            });
            return this;
        }

        boolean isEmpty() {
            return anchor == null;
        }

        /** Some node of it, to report a problem of the whole at. */
        Item anyItem() {
            return anchor;
        }

        Map<String, Object> entries() {
            return entries;
        }

        void allow(String... keys) {
            Set<String> allowed = Set.of(keys);
            entries.forEach((k, v) -> {
                if (!allowed.contains(k)) {
                    (v instanceof Item i ? i : ((Merged) v).anyItem()).unknown(k, allowed);
                }
            });
        }

        Item item(String key) {
            Object v = entries.get(key);
            return v instanceof Item i ? i : v instanceof Merged m ? m.anyItem() : null;
        }

        Optional<String> text(String key) {
            Object v = entries.get(key);
            return v instanceof Item i ? i.scalar("text") : Optional.empty();
        }

        Merged submap(String key) {
            Object v = entries.get(key);
            if (v instanceof Merged m) {
                return m;
            }
            if (v instanceof Item i && !i.isNull()) {
                i.problem("must be a map");
            }
            return new Merged();
        }

        /** A map of scalars (headers, about): name → item. */
        Map<String, Item> map(String key) {
            Map<String, Item> out = new LinkedHashMap<>();
            submap(key).entries().forEach((k, v) -> {
                if (v instanceof Item i) {
                    out.put(k, i);
                } else {
                    ((Merged) v).anyItem().problem("'" + k + "' must be a value");
                }
            });
            return out;
        }
    }
}
