package com.refundhub.provider.contract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.refundhub.Fixtures;
import com.refundhub.config.Setting;
import com.refundhub.config.SettingValues;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.ledger.OrderTotals;
import com.refundhub.provider.Operation;
import com.refundhub.provider.WireInputs;
import com.refundhub.provider.fourth.FourthSimulator;
import com.refundhub.sandbox.NewPaySimulator;
import com.refundhub.sandbox.ScanforpaySimulator;
import com.refundhub.sandbox.Scenarios;
import com.refundhub.sandbox.Simulator;
import com.refundhub.sandbox.TrustySimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes {@code golden/wire.json} from the hand-written provider modules and simulators as they are: run once, before
 * the rewrite ({@code mvn test -Dtest=GoldenCapture -Dgolden.capture=true}), and never again.
 */
class GoldenCapture {
    static final WireInputs INPUTS = WireInputs.fixed("GOLDEN7NONCE0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "123e4567-e89b-42d3-a456-426614174000", Instant.parse("2026-12-07T08:15:30.123Z"));
    final GoldenWire wire = new ModuleWire();
    final ObjectNode root = Json.MAPPER.createObjectNode();
    final ObjectNode channels = root.putObject("channels");
    final ArrayNode requests;
    final ArrayNode answers;

    GoldenCapture() {
        root.put("about", "Captured by GoldenCapture from the hand-written provider modules and simulators before they "
                + "became descriptors. Requests: built and signed with the fixed inputs below. Answers: the simulators' "
                + "answers to every scenario and outcome-table row, read by the modules' verifiers and outcome tables.");
        ObjectNode i = root.putObject("inputs");
        i.put("nonce", "GOLDEN7NONCE0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        i.put("uuid", "123e4567-e89b-42d3-a456-426614174000");
        i.put("now", "2026-12-07T08:15:30.123Z");
        root.set("channels", channels);
        requests = root.putArray("requests");
        answers = root.putArray("answers");
    }

    @Test
    @EnabledIfSystemProperty(named = "golden.capture", matches = "true")
    void capture() throws Exception {
        channel("trusty", "trusty", Map.of("app-id", "121775250444445490", "mchnt-id", "1000",
                "key", "192006250b4c09247ec02edce69f6a2d", "sign-type", "MD5"));
        channel("trusty-hmac", "trusty", Map.of("app-id", "121775250444445490", "mchnt-id", "1000",
                "key", "192006250b4c09247ec02edce69f6a2d", "sign-type", "HMACSHA256"));
        channel("trusty-badkey", "trusty", Map.of("app-id", "121775250444445490", "mchnt-id", "1000",
                "key", "not-the-key", "sign-type", "MD5"));
        channel("newpay", "newpay", Map.of("app-id", "3514d69403bc4ce1a8fafb6415a31018",
                "merchant-id", "876266cdc7154dd08a022fd1f2eace55",
                "private-key", "classpath:vectors/newpay-merchant-test-private.pem",
                "public-key", "classpath:vectors/newpay-provider-test-public.pem"));
        channel("newpay-stranger", "newpay", Map.of("app-id", "999",
                "merchant-id", "876266cdc7154dd08a022fd1f2eace55",
                "private-key", "classpath:vectors/newpay-merchant-test-private.pem",
                "public-key", "classpath:vectors/newpay-provider-test-public.pem"));
        channel("scanforpay", "scanforpay", Map.of("partner-no", "10001", "key", "7f3c1a9e5b2d4c8f"));
        channel("scanforpay-badkey", "scanforpay", Map.of("partner-no", "10001", "key", "wrong"));
        channel("fourth", "fourth", Map.of("merchant", "F-4", "key", "fourth-vector-key-5d2a"));

        // requests
        req("trusty refund", "trusty", Operation.REFUND, rec("R-G-1001", "ORD-G-1001", null, null, null, null, null));
        req("trusty refund with an amount it does not send", "trusty", Operation.REFUND,
                rec("R-G-1002", "ORD-G-1002", 150000L, "MMK", "late", "op1", "t1"));
        req("trusty refund HMACSHA256", "trusty-hmac", Operation.REFUND, rec("R-G-1003", "ORD-G-1003", null, null, null, null, null));
        req("trusty inquiry", "trusty", Operation.INQUIRY, rec("R-G-1001", "ORD-G-1001", null, null, null, null, null));
        req("trusty inquiry HMACSHA256", "trusty-hmac", Operation.INQUIRY, rec("R-G-1003", "ORD-G-1003", null, null, null, null, null));
        req("newpay refund USD with a reason", "newpay", Operation.REFUND, rec("R-G-2001", "ORD-G-2001", 1250L, "USD", "late delivery", null, null));
        req("newpay refund USD whole dollars", "newpay", Operation.REFUND, rec("R-G-2002", "ORD-G-2002", 1200L, "USD", null, null, null));
        req("newpay refund LAK without a reason", "newpay", Operation.REFUND, rec("R-G-2003", "ORD-G-2003", 5000000L, "LAK", null, null, null));
        req("newpay refund with a reason outside ASCII", "newpay", Operation.REFUND,
                rec("R-G-2004", "ORD-G-2004", 1L * 100, "USD", "退款 \"quoted\" ü & <b>", "op", "term"));
        req("newpay inquiry", "newpay", Operation.INQUIRY, rec("R-G-2001", "ORD-G-2001", 1250L, "USD", null, null, null));
        req("scanforpay refund with operator and terminal", "scanforpay", Operation.REFUND,
                rec("R-G-3001", "ORD-G-3001", 600L, "JPY", "ignored", "211918", "123456"));
        req("scanforpay refund without operator and terminal", "scanforpay", Operation.REFUND,
                rec("R-G-3002", "ORD-G-3002", 300L, "JPY", null, null, null));
        req("scanforpay payQuery", "scanforpay", Operation.INQUIRY, rec("R-G-3001", "ORD-G-3001", 600L, "JPY", null, "211918", null));
        req("fourth refund", "fourth", Operation.REFUND, rec("R-G-4001", "ORD-G-4001", 1250L, "EUR", "late", null, null));
        req("fourth inquiry", "fourth", Operation.INQUIRY, rec("R-G-4001", "ORD-G-4001", 1250L, "EUR", null, null, null));

        // answers, from the simulators
        Scenarios scenarios = new Scenarios(Duration.ofMillis(1), 100_000_000L);
        capture("trusty", new TrustySimulator(), Map.of("app-id", "121775250444445490", "mchnt-id", "1000",
                "key", "192006250b4c09247ec02edce69f6a2d"), scenarios, null, null, "trusty-badkey");
        capture("trusty-hmac", new TrustySimulator(), Map.of("app-id", "121775250444445490", "mchnt-id", "1000",
                "key", "192006250b4c09247ec02edce69f6a2d"), scenarios, null, null, null);
        capture("newpay", new NewPaySimulator(), Map.of("app-id", "3514d69403bc4ce1a8fafb6415a31018",
                "merchant-id", "876266cdc7154dd08a022fd1f2eace55", "currency", "USD",
                "merchant-public-key", "classpath:vectors/newpay-merchant-test-public.pem",
                "provider-private-key", "classpath:vectors/newpay-provider-test-private.pem"), scenarios, 1250L, "USD",
                "newpay-stranger");
        capture("scanforpay", new ScanforpaySimulator(), Map.of("partner-no", "10001", "key", "7f3c1a9e5b2d4c8f"),
                scenarios, 600L, "JPY", "scanforpay-badkey");
        capture("fourth", new FourthSimulator(), Map.of("merchant", "F-4", "key", "fourth-vector-key-5d2a"),
                scenarios, 1250L, "EUR", null);
        for (String channel : List.of("trusty", "newpay", "scanforpay", "fourth")) {
            for (Operation op : Operation.values()) {
                garbage(channel, op, "not the provider's format", "<html><body>Welcome to nginx!</body></html>");
                garbage(channel, op, "empty", "");
                garbage(channel, op, "a JSON array", "[1,2]");
                garbage(channel, op, "an empty object", "{}");
            }
        }
        Files.writeString(Path.of("src/test/resources/golden/wire.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    void channel(String name, String type, Map<String, String> settings) {
        ObjectNode c = channels.putObject(name);
        c.put("type", type);
        ObjectNode s = c.putObject("settings");
        new java.util.TreeMap<>(settings).forEach(s::put);
    }

    static RefundRecord rec(String id, String order, Long amount, String currency, String reason, String operator,
                            String terminal) {
        RefundRecord b = Fixtures.record(id, order, "x", amount, currency);
        return new RefundRecord(id, order, b.channel(), amount, currency, null, reason, operator, terminal, null,
                b.status(), null, null, null, null, null, 1, 0, false, "HTTP", b.createdAt(), b.updatedAt(), List.of());
    }

    static ObjectNode recordJson(RefundRecord r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("refundId", r.refundId());
        n.put("orderId", r.orderId());
        if (r.amount() != null) {
            n.put("amount", r.amount());
            n.put("currency", r.currency());
        }
        if (r.reason() != null) {
            n.put("reason", r.reason());
        }
        if (r.operatorId() != null) {
            n.put("operatorId", r.operatorId());
        }
        if (r.terminalNo() != null) {
            n.put("terminalNo", r.terminalNo());
        }
        return n;
    }

    GoldenWire.Sent req(String name, String channel, Operation op, RefundRecord r) throws Exception {
        GoldenWire.Sent sent = wire.request(type(channel), settings(channel), op, r, INPUTS);
        ObjectNode c = requests.addObject();
        c.put("name", name);
        c.put("channel", channel);
        c.put("operation", op.name());
        c.set("record", recordJson(r));
        c.set("sent", Json.MAPPER.valueToTree(sent));
        return sent;
    }

    String type(String channel) {
        return channels.get(channel).get("type").asText();
    }

    Map<String, String> settings(String channel) {
        return ContractData.strings(channels.get(channel).get("settings"));
    }

    void capture(String channel, Simulator sim, Map<String, String> account, Scenarios scenarios, Long amount,
                 String currency, String refusedChannel) throws Exception {
        String type = type(channel);
        sim.configure(new SettingValues() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get(Setting<T> s) {
                String v = account.get(s.key());
                return v == null ? s.defaultValue() : s.type().parse(v);
            }
        }, scenarios);
        String p = channel + ":";
        for (String scenario : List.of("ORD-", "FAIL-", "NOTFOUND-", "PEND-", "ERR-", "FORGE-", "UNSIGNED-", "OTHER-",
                "FLIP-")) {
            refund(channel, sim, p + scenario + "refund", rec("G" + scenario + channel, scenario + "G-" + channel, amount,
                    currency, null, null, null));
        }
        RefundRecord pend = rec("GPEND-" + channel, "PEND-G-" + channel, amount, currency, null, null, null);
        inquire(channel, sim, p + "PEND- first inquiry", pend, totals(0, 0L));
        inquire(channel, sim, p + "PEND- second inquiry", pend, totals(0, 0L));
        inquire(channel, sim, p + "FAIL- inquiry", rec("GFAIL-" + channel, "FAIL-G-" + channel, amount, currency,
                null, null, null), totals(0, 0L));
        inquire(channel, sim, p + "ORD- inquiry", rec("GORD-" + channel, "ORD-G-" + channel, amount, currency,
                null, null, null), totals(0, 0L));
        inquire(channel, sim, p + "inquiry of a refund it never had", rec("GNONE-" + channel, "ORD-G-NONE-" + channel,
                amount, currency, null, null, null), totals(0, 0L));
        inquire(channel, sim, p + "ERR- inquiry (never recorded)", rec("GERR-" + channel, "ERR-G-" + channel, amount,
                currency, null, null, null), totals(0, 0L));
        RefundRecord flip = rec("GFLIP-" + channel, "FLIP-G-" + channel, amount, currency, null, null, null);
        inquire(channel, sim, p + "FLIP- inquiry", flip, totals(0, 0L));
        for (String all : List.of("FORGEALL-", "OTHERALL-")) {
            RefundRecord r = rec("G" + all + channel, all + "G-" + channel, amount, currency, null, null, null);
            refund(channel, sim, p + all + "refund", r);
            inquire(channel, sim, p + all + "inquiry", r, totals(0, 0L));
        }
        OutcomeRows table = new OutcomeRows(com.refundhub.Providers.module(type));
        int n = 0;
        for (OutcomeRows.Row row : table.rows()) {
            String forced = row.fallback() ? table.unknownCode() : row.key();
            n++;
            if (row.operation() == Operation.REFUND) {
                refund(channel, sim, p + "row " + row, rec("GROW" + n + "-" + channel, "CODE-" + forced + "-" + channel,
                        amount, currency, null, null, null));
            } else {
                RefundRecord r = rec("GROW" + n + "-" + channel, "INQ-" + forced + "-" + channel, amount, currency,
                        null, null, null);
                refund(channel, sim, null, r);
                inquire(channel, sim, p + "row " + row, r, totals(0, 0L));
                if ("scanforpay".equals(type) && forced.startsWith("1.3")) {
                    inquire(channel, sim, p + "row " + row + " (other refunds of the order succeeded)", r, totals(amount, 0L));
                    inquire(channel, sim, p + "row " + row + " (another refund of the order is open)", r, totals(0, amount));
                }
            }
        }
        if (amount != null) {
            RefundRecord first = rec("GCAP1-" + channel, "ORD-G-CAP-" + channel + "-AMT" + amount, amount, currency, null, null, null);
            refund(channel, sim, p + "refund up to the order", first);
            refund(channel, sim, p + "refund past the order", rec("GCAP2-" + channel, first.orderId(), amount, currency, null, null, null));
        } else {
            refund(channel, sim, p + "first refund of an order", rec("GTWICE1-" + channel, "ORD-G-TWICE-" + channel, null, null, null, null, null));
            refund(channel, sim, p + "second refund of a refunded order", rec("GTWICE2-" + channel, "ORD-G-TWICE-" + channel, null, null, null, null, null));
        }
        if (refusedChannel != null) {
            RefundRecord r = rec("GREFUSED-" + channel, "ORD-G-REFUSED-" + channel, amount, currency, null, null, null);
            GoldenWire.Sent sent = wire.request(type(refusedChannel), settings(refusedChannel), Operation.REFUND, r, INPUTS);
            answer(channel, p + "refusal of " + refusedChannel, Operation.REFUND, r, totals(0, 0L), sim, sent);
        }
    }

    static OrderTotals totals(long succeeded, Long open) {
        return new OrderTotals(succeeded, open == null ? 0 : open);
    }

    void refund(String channel, Simulator sim, String name, RefundRecord r) throws Exception {
        GoldenWire.Sent sent = wire.request(type(channel), settings(channel), Operation.REFUND, r, INPUTS);
        if (name != null) {
            answer(channel, name, Operation.REFUND, r, totals(0, 0L), sim, sent);
        } else {
            sim.handle(sent.path(), lower(sent.headers()), sent.body());
        }
    }

    void inquire(String channel, Simulator sim, String name, RefundRecord r, OrderTotals totals) throws Exception {
        GoldenWire.Sent sent = wire.request(type(channel), settings(channel), Operation.INQUIRY, r, INPUTS);
        answer(channel, name, Operation.INQUIRY, r, totals, sim, sent);
    }

    static Map<String, String> lower(Map<String, String> headers) {
        Map<String, String> m = new LinkedHashMap<>();
        headers.forEach((k, v) -> m.put(k.toLowerCase(), v));
        return m;
    }

    void answer(String channel, String name, Operation op, RefundRecord r, OrderTotals totals, Simulator sim,
                GoldenWire.Sent sent) throws Exception {
        Simulator.Reply reply = sim.handle(sent.path(), lower(sent.headers()), sent.body());
        if (reply.status() != 200) {
            return;
        }
        String text = reply.fault() == Simulator.Fault.NONE ? reply.body() : null;
        if (text == null) {
            return;
        }
        write(channel, name, op, r, totals, text);
    }

    void garbage(String channel, Operation op, String what, String text) throws Exception {
        RefundRecord r = rec("GX-" + channel, "ORD-GX-" + channel, null, null, null, null, null);
        write(channel, channel + ": " + op.name().toLowerCase() + " answer " + what, op, r, totals(0, 0L), text);
    }

    void write(String channel, String name, Operation op, RefundRecord r, OrderTotals totals, String text)
            throws Exception {
        ObjectNode c = answers.addObject();
        c.put("name", name);
        c.put("channel", channel);
        c.put("operation", op.name());
        c.set("record", recordJson(r));
        ObjectNode t = c.putObject("totals");
        t.put("succeeded", totals.succeeded());
        t.put("open", totals.open());
        c.put("text", text);
        c.set("read", Json.MAPPER.valueToTree(wire.answer(type(channel), settings(channel), op, r, totals, text)));
    }
}
