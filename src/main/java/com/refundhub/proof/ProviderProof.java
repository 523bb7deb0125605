package com.refundhub.proof;

import com.refundhub.config.ChannelConfig;
import com.refundhub.config.SandboxSettings;
import com.refundhub.config.Setting;
import com.refundhub.config.SettingValues;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.provider.Descriptor;
import com.refundhub.provider.Example;
import com.refundhub.provider.Operation;
import com.refundhub.provider.OrderRefunds;
import com.refundhub.provider.OutcomeRow;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderOutcome;
import com.refundhub.provider.ProviderOutcome.Kind;
import com.refundhub.provider.ProviderWire;
import com.refundhub.provider.WireInputs;
import com.refundhub.sandbox.RefundBook;
import com.refundhub.sandbox.Sandbox;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Proves a provider descriptor against its own sandbox ({@code --test-provider FILE}, and the contract suite for
 * every registered descriptor): the known answers it brings, every row of its outcome tables, each fault of SPEC §6
 * (timeout, 5xx, a dropped connection, garbage, a cut answer, a forged, missing or misdirected signature), the
 * scenarios of §7, the partial-refund cap (or the refusal of a second refund of a whole payment), and signatures
 * checked both ways (a channel with another key is refused). Every case goes through the hub's one engine
 * ({@link ProviderWire}) over real loopback HTTP to the generic simulator, and is one line: {@code PASS name} or
 * {@code FAIL name: why}.
 */
public final class ProviderProof {
    static final Duration READ_TIMEOUT = Duration.ofMillis(1500);
    static final Duration SLOW = Duration.ofMillis(2500);

    /** One case and how it ended. */
    public record Result(String name, boolean passed, String detail) {
        public String line() {
            return (passed ? "PASS " : "FAIL ") + name + (passed || detail == null ? "" : ": " + detail);
        }
    }

    private final Descriptor d;
    private final List<Result> results = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final String run = Long.toString(System.nanoTime() % 100000, 36).toUpperCase();
    private HttpClient http;
    private Sandbox sandbox;
    private ChannelConfig channel;

    private ProviderProof(Descriptor d) {
        this.d = d;
    }

    /** Runs every case of {@code d}; the results in order. */
    public static List<Result> run(Descriptor d) {
        ProviderProof p = new ProviderProof(d);
        p.all();
        return List.copyOf(p.results);
    }

    private void all() {
        examples();
        try {
            start();
        } catch (Exception e) {
            results.add(new Result("the sandbox starts", false, e.toString()));
            return;
        }
        try {
            rows();
            faults();
            scenarios();
            amounts();
            signaturesBothWays();
        } finally {
            sandbox.close();
        }
    }

    // ---- known answers ----

    private void examples() {
        for (Example e : d.examples()) {
            String name = "example " + e.name() + " (line " + e.line() + ")";
            check(name, () -> {
                ChannelConfig c = channel("http://127.0.0.1:1", e.channel());
                RefundRecord r = record(e.refund());
                if (e.body() != null) {
                    Map<String, String> in = e.inputs();
                    WireInputs inputs = WireInputs.fixed(in.getOrDefault("nonce", ""), in.getOrDefault("uuid", ""),
                            in.containsKey("time") ? Instant.parse(in.get("time")) : Instant.EPOCH);
                    ProviderWire.WireRequest sent = request(c, e.operation(), r, inputs);
                    for (Map.Entry<String, String> h : e.headers().entrySet()) {
                        if (!h.getValue().equals(sent.headers().get(h.getKey()))) {
                            return "sent header " + h.getKey() + ": " + sent.headers().get(h.getKey()) + ", not "
                                    + h.getValue();
                        }
                    }
                    return sent.body().equals(e.body()) ? null : "sent\n  " + sent.body() + "\nnot\n  " + e.body();
                }
                ProviderAnswer a = read(c, e.operation(), r, e.answer());
                if (!a.verdict().name().equals(e.verdict())) {
                    return "read as " + a.verdict() + " (" + a.detail() + "), not " + e.verdict();
                }
                if (e.then() != null) {
                    ProviderOutcome o = ProviderOutcome.of(a);
                    String then = o.kind() + (o.code() == null ? "" : " " + o.code());
                    if (!outcomeMatches(o, e.then())) {
                        return "means " + then + ", not " + e.then();
                    }
                }
                return null;
            });
        }
    }

    // ---- the sandbox and a channel at it ----

    private void start() throws IOException {
        Map<String, SettingValues> accounts = Map.of(d.name(), new SettingValues() {
            @Override
            public <T> T get(Setting<T> setting) {
                return setting.defaultValue();
            }
        });
        SandboxSettings s = new SandboxSettings(true, "127.0.0.1", 0, Duration.ZERO, SLOW, 100_000_000L, accounts);
        sandbox = new Sandbox(s, List.of(d)).start("127.0.0.1", 0);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        channel = channel("http://127.0.0.1:" + sandbox.port() + "/" + d.name(), Map.of());
    }

    /** A channel of the descriptor with its sandbox settings, changed by {@code changes}. */
    private ChannelConfig channel(String url, Map<String, String> changes) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Descriptor.SettingSpec s : d.settings()) {
            String v = changes.getOrDefault(s.name(), d.sandbox().channel().get(s.name()));
            if (v == null) {
                v = d.sandbox().account().stream().filter(a -> a.name().equals(s.name()))
                        .map(Descriptor.SettingSpec::defaultText).findFirst().orElse(s.defaultText());
            }
            if (v != null) {
                settings.put(s.name(), s.setting().type().parse(v));
            }
        }
        return new ChannelConfig(d.name(), d.name(), url, d.defaultRefundPath(), d.defaultInquiryPath(),
                Duration.ofSeconds(2), READ_TIMEOUT, 16, List.of(Duration.ofSeconds(1)), d.rules().currencies(), settings);
    }

    private RefundRecord record(Map<String, String> r) {
        OffsetDateTime now = OffsetDateTime.now();
        return new RefundRecord(r.get("refundId"), r.get("orderId"), d.name(), longOrNull(r.get("amount")),
                r.get("currency"), longOrNull(r.get("orderAmount")), r.get("reason"), r.get("operatorId"),
                r.get("terminalNo"), null, RefundStatus.PENDING, null, null, null, null, null, 1, 0, false, "TEST", now,
                now, List.of());
    }

    private static Long longOrNull(String s) {
        return s == null ? null : Long.parseLong(s);
    }

    /** A sample refund of {@code amount} units of the provider's first currency (whole payments: none). */
    private RefundRecord refund(String orderPrefix, long units) {
        String id = "P" + run + "-" + ids.incrementAndGet();
        String currency = new TreeSet<>(d.rules().currencies()).first();
        Long amount = d.rules().amountRequired() ? units * unit(currency) : null;
        Map<String, String> r = new LinkedHashMap<>();
        r.put("refundId", id);
        r.put("orderId", orderPrefix + id);
        if (amount != null) {
            r.put("amount", Long.toString(amount));
            r.put("currency", currency);
        }
        if (d.rules().orderAmountRequired()) {
            r.put("orderAmount", Long.toString(100 * (amount == null ? 100 : amount)));
            r.putIfAbsent("currency", currency);
        }
        return record(r);
    }

    /** The smallest amount of a currency the provider expresses, from 100 minor units up. */
    private long unit(String currency) {
        long unit = 100;
        while (d.amountProblem(unit, currency).isPresent() && unit < Long.MAX_VALUE / 10) {
            unit *= 10;
        }
        return unit;
    }

    // ---- one call ----

    private ProviderWire.WireRequest request(ChannelConfig c, Operation op, RefundRecord r, WireInputs inputs) {
        String path = op == Operation.REFUND ? c.getRefundPath() : c.getInquiryPath();
        ProviderWire.Draft draft = ProviderWire.build(d, op, r, c, path, inputs);
        return ProviderWire.sign(draft, () -> ProviderWire.signingKeys(d.operation(op).request().signature(),
                draft.scope()));
    }

    private ProviderAnswer read(ChannelConfig c, Operation op, RefundRecord r, String text) {
        return ProviderWire.read(d, op, text, r, ProviderWire.scope(d, r, c::setting, WireInputs.SYSTEM),
                () -> others(r));
    }

    /** What the hub would know of the order's other refunds: the sandbox's book of them, as the ledger would be. */
    private OrderRefunds others(RefundRecord r) {
        long succeeded = 0;
        long open = 0;
        for (RefundBook.Entry e : sandbox.simulator(d.name()).book().ofOrder(r.orderId())) {
            if (e.refundNo.equals(r.refundId())) {
                continue;
            }
            if (e.state == RefundBook.State.SUCCEEDED) {
                succeeded += e.amount;
            } else if (e.state == RefundBook.State.PROCESSING) {
                open += e.amount;
            }
        }
        return new OrderRefunds(succeeded, open);
    }

    /** Sends a refund or an inquiry over HTTP and reads the answer as the hub does. */
    private ProviderOutcome call(ChannelConfig c, Operation op, RefundRecord r) {
        ProviderWire.WireRequest w = request(c, op, r, WireInputs.SYSTEM);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.getBaseUrl() + w.path())).timeout(READ_TIMEOUT);
        w.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Length")) {
                b.header(k, v);
            }
        });
        b.method(w.method(), w.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(w.body()));
        try {
            HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() < 200 || res.statusCode() >= 300) {
                return ProviderOutcome.unknown("provider answered HTTP " + res.statusCode());
            }
            return ProviderOutcome.of(read(c, op, r, res.body()));
        } catch (HttpTimeoutException e) {
            return ProviderOutcome.unknown("no answer from provider: timeout");
        } catch (ConnectException e) {
            return ProviderOutcome.notDelivered("not delivered: " + e);
        } catch (IOException e) {
            return ProviderOutcome.unknown("no answer from provider: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProviderOutcome.unknown("interrupted");
        }
    }

    // ---- the cases ----

    /** Every row of both outcome tables (each value a row allows): the sandbox answers it, the hub reads it so. */
    private void rows() {
        for (Operation op : Operation.values()) {
            for (OutcomeRow row : d.operation(op).answer().outcomes().rows()) {
                for (Map<String, String> answer : row.answers()) {
                    String name = row.isFallback() ? unknownCode(op) : OutcomeRow.name(answer);
                    String label = op.tableName() + " row " + OutcomeRow.name(answer) + " → " + row.then()
                            + " (line " + row.line() + ")";
                    check(label, () -> {
                        if (op == Operation.REFUND) {
                            RefundRecord r = refund("CODE-" + name + "-", 1);
                            return expect(call(channel, op, r), row);
                        }
                        RefundRecord r = refund("INQ-" + name + "-", 1);
                        ProviderOutcome first = call(channel, Operation.REFUND, r);
                        if (first.kind() != Kind.PENDING) {
                            return "the refund call (answered 'processing') came to " + describe(first);
                        }
                        return expect(call(channel, op, r), row);
                    });
                }
            }
        }
    }

    private String unknownCode(Operation op) {
        for (String code = "999"; ; code += "9") {
            String c = code;
            boolean used = d.operation(op).answer().outcomes().rows().stream().flatMap(r -> r.answers().stream())
                    .anyMatch(a -> a.containsValue(c));
            if (!used) {
                return code;
            }
        }
    }

    private static String expect(ProviderOutcome o, OutcomeRow row) {
        if (o.kind() == row.kind() && (row.code() == null || row.code() == o.code())) {
            return null;
        }
        return "came to " + describe(o);
    }

    private static String describe(ProviderOutcome o) {
        return o.kind() + (o.code() == null ? "" : " " + o.code()) + " (" + o.detail() + ")";
    }

    private void faults() {
        fault("timeout (SLOW-): unknown, then settled by inquiry", "SLOW-", "UNKNOWN OUTCOME_UNKNOWN", "SUCCEEDED");
        fault("HTTP 500 (H500-): unknown", "H500-", "UNKNOWN OUTCOME_UNKNOWN", "SUCCEEDED");
        fault("HTTP 503 (H503-): unknown", "H503-", "UNKNOWN OUTCOME_UNKNOWN", "SUCCEEDED");
        fault("a dropped connection (RESET-): unknown", "RESET-", "UNKNOWN OUTCOME_UNKNOWN", "SUCCEEDED");
        fault("garbage (GARBAGE-): unknown", "GARBAGE-", "UNKNOWN OUTCOME_UNKNOWN", "SUCCEEDED");
        fault("a cut answer (TRUNC-): unknown", "TRUNC-", "UNKNOWN OUTCOME_UNKNOWN", "SUCCEEDED");
        fault("a forged signature (FORGE-): not believed", "FORGE-", "UNTRUSTED BAD_PROVIDER_SIGNATURE", "SUCCEEDED");
        fault("a success without its signature (UNSIGNED-): not believed", "UNSIGNED-",
                "UNTRUSTED BAD_PROVIDER_SIGNATURE", "SUCCEEDED");
        fault("an answer about another refund (OTHER-): not believed", "OTHER-", "UNTRUSTED", "SUCCEEDED");
        fault("forged every time (FORGEALL-): never believed", "FORGEALL-", "UNTRUSTED BAD_PROVIDER_SIGNATURE",
                "UNTRUSTED BAD_PROVIDER_SIGNATURE");
    }

    private void fault(String name, String prefix, String first, String inquiry) {
        check(name, () -> {
            RefundRecord r = refund(prefix + "ORD-", 1);
            ProviderOutcome o = call(channel, Operation.REFUND, r);
            if (!outcomeMatches(o, first)) {
                return "the refund call came to " + describe(o) + ", not " + first;
            }
            ProviderOutcome q = call(channel, Operation.INQUIRY, r);
            return outcomeMatches(q, inquiry) ? null : "the inquiry came to " + describe(q) + ", not " + inquiry;
        });
    }

    private static boolean outcomeMatches(ProviderOutcome o, String expected) {
        String[] w = expected.split(" ");
        return o.kind().name().equals(w[0]) && (w.length < 2 || (o.code() != null && o.code().name().equals(w[1])));
    }

    private void scenarios() {
        scenario("ORD- succeeds", "ORD-", "SUCCEEDED");
        scenario("FAIL- is refused: FAILED NOT_REFUNDABLE", "FAIL-", "FAILED NOT_REFUNDABLE");
        scenario("NOTFOUND- is FAILED ORDER_NOT_FOUND", "NOTFOUND-", "FAILED ORDER_NOT_FOUND");
        check("PEND- is processing, then succeeds on the second inquiry", () -> {
            RefundRecord r = refund("PEND-", 1);
            List<ProviderOutcome> seen = new ArrayList<>();
            for (Operation op : List.of(Operation.REFUND, Operation.INQUIRY, Operation.INQUIRY)) {
                seen.add(call(channel, op, r));
            }
            boolean unsettled = seen.get(0).kind() == Kind.PENDING
                    && (seen.get(1).kind() == Kind.PENDING || seen.get(1).kind() == Kind.UNKNOWN);
            return unsettled && seen.get(2).kind() == Kind.SUCCEEDED ? null
                    : "came to " + seen.stream().map(ProviderOutcome::kind).toList();
        });
        check("ERR- is a system error: unknown, and the inquiry finds no such refund", () -> {
            RefundRecord r = refund("ERR-", 1);
            ProviderOutcome o = call(channel, Operation.REFUND, r);
            ProviderOutcome q = call(channel, Operation.INQUIRY, r);
            return o.kind() == Kind.UNKNOWN && q.kind() == Kind.NO_SUCH_REFUND ? null
                    : "came to " + describe(o) + ", then " + describe(q);
        });
    }

    /**
     * What a refund comes to: its refund call's answer, or, for a provider that only accepts refunds (the answer says
     * processing, the result coming by query), what the first inquiry then says.
     */
    private ProviderOutcome settled(RefundRecord r) {
        ProviderOutcome o = call(channel, Operation.REFUND, r);
        return o.kind() == Kind.PENDING ? call(channel, Operation.INQUIRY, r) : o;
    }

    private void scenario(String name, String prefix, String expected) {
        check(name, () -> {
            ProviderOutcome o = settled(refund(prefix, 1));
            return outcomeMatches(o, expected) ? null : "came to " + describe(o) + ", not " + expected;
        });
    }

    private void amounts() {
        if (d.rules().amountRequired()) {
            check("partial refunds fit up to the order (3 + 6 + 1 of 10), then AMOUNT_EXCEEDED", () -> {
                String currency = new TreeSet<>(d.rules().currencies()).first();
                String order = "ORD-CAP" + run + "-AMT" + 10 * unit(currency);
                List<String> seen = new ArrayList<>();
                for (long units : new long[] {3, 6, 1, 1}) {
                    seen.add(describe(settled(withOrder(refund("X", units), order))));
                }
                boolean ok = seen.get(0).startsWith("SUCCEEDED") && seen.get(1).startsWith("SUCCEEDED")
                        && seen.get(2).startsWith("SUCCEEDED") && seen.get(3).startsWith("FAILED AMOUNT_EXCEEDED");
                return ok ? null : "came to " + seen;
            });
        } else {
            check("a second refund of a refunded order is refused: FAILED NOT_REFUNDABLE", () -> {
                String order = "ORD-TWICE" + run;
                ProviderOutcome first = settled(withOrder(refund("X", 1), order));
                ProviderOutcome second = settled(withOrder(refund("X", 1), order));
                return first.kind() == Kind.SUCCEEDED && outcomeMatches(second, "FAILED NOT_REFUNDABLE") ? null
                        : "came to " + describe(first) + ", then " + describe(second);
            });
        }
    }

    private RefundRecord withOrder(RefundRecord r, String orderId) {
        return new RefundRecord(r.refundId(), orderId, r.channel(), r.amount(), r.currency(), r.orderAmount(), r.reason(),
                r.operatorId(), r.terminalNo(), null, r.status(), null, null, null, null, null, 1, 0, false, "TEST",
                r.createdAt(), r.updatedAt(), List.of());
    }

    /** Each credential changed in turn: the sandbox refuses the request (it checks our signature): FAILED AUTH_FAILED. */
    private void signaturesBothWays() {
        for (String credential : d.credentials()) {
            Descriptor.SettingSpec s = d.setting(credential).orElseThrow();
            if (s.type().equals("public-key")) {
                continue;   // the provider's key checks its answers: FORGE- proves that side
            }
            check("a channel with another " + credential + " is refused: FAILED AUTH_FAILED", () -> {
                ChannelConfig other = channel(channel.getBaseUrl(), Map.of(credential, otherValue(s)));
                ProviderOutcome o = call(other, Operation.REFUND, refund("ORD-", 1));
                return outcomeMatches(o, "FAILED AUTH_FAILED") ? null : "came to " + describe(o);
            });
        }
    }

    private String otherValue(Descriptor.SettingSpec s) throws Exception {
        if (!s.type().equals("private-key")) {
            return "not-the-" + s.name();
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        Path file = Files.createTempFile("refundhub-proof-", ".pem");
        file.toFile().deleteOnExit();
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                g.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return file.toString();
    }

    // ---- bookkeeping ----

    @FunctionalInterface
    private interface Case {
        /** null when it passed, else why not */
        String run() throws Exception;
    }

    private void check(String name, Case c) {
        String why;
        try {
            why = c.run();
        } catch (Exception | AssertionError e) {
            why = "threw " + e;
        }
        results.add(new Result(name, why == null, why));
    }
}
