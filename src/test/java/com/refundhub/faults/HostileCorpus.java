package com.refundhub.faults;

import com.refundhub.Providers;
import com.refundhub.SampleChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated corpus of malformed refund requests: wrong types, huge fields, deep JSON, control characters,
 * invalid UTF-8, SQL and CSV-formula injection strings, broken JSON. Each entry knows the field its error
 * must name. Seeded: the same corpus every run.
 */
final class HostileCorpus {
    /** One malformed request: its bytes (single-line JSON, or not JSON at all), and the field the error names. */
    record Entry(String name, byte[] bytes, String field, boolean validUtf8) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final String[][] BAD_VALUES = {
        // field, JSON value that breaks it
        {"refundId", "123"}, {"refundId", "true"}, {"refundId", "[]"}, {"refundId", "{}"}, {"refundId", "\"\""},
        {"refundId", "\"a b\""}, {"refundId", q("x".repeat(33))}, {"refundId", q("R\\u0000")},
        {"refundId", q("1'; DROP TABLE refunds;--")}, {"refundId", q("=HYPERLINK(\\\"http://evil\\\")")},
        {"refundId", q("R<script>alert(1)</script>")}, {"refundId", q("x".repeat(200_000))}, {"refundId", q("+cmd|calc")},
        {"orderId", "7"}, {"orderId", "\"\""}, {"orderId", q("has space")}, {"orderId", q("O\\t1")},
        {"orderId", q("x".repeat(33))}, {"orderId", q("\\u00e9t\\u00e9")}, {"orderId", q("' OR '1'='1")},
        {"orderId", q("=1+2 ")}, {"orderId", q("@SUM(A1) x")}, {"orderId", q("x".repeat(300_000))}, {"orderId", "null"},
        {"channel", "5"}, {"channel", "\"\""}, {"channel", q("trusty' OR '1'='1")}, {"channel", q("../etc/passwd")},
        {"channel", q("TRUSTY")}, {"channel", q("@SUM(A1)")}, {"channel", q("-2+3")}, {"channel", "null"},
        {"amount", q("100")}, {"amount", "1.5"}, {"amount", "-1"}, {"amount", "0"}, {"amount", "99999999999999999999"},
        {"amount", "{}"}, {"amount", "true"}, {"amount", "1e3"},
        {"currency", q("XYZ")}, {"currency", q("mmk")}, {"currency", "5"}, {"currency", q("MMK'--")}, {"currency", q("=EUR")},
        {"orderAmount", q("x")}, {"orderAmount", "-5"}, {"orderAmount", "0"}, {"orderAmount", "1.2"},
        {"reason", "5"}, {"reason", q("x".repeat(129))}, {"reason", q("bell\\u0007")}, {"reason", q("esc\\u001b[31m")},
        {"reason", q("lone \\ud800 surrogate")}, {"reason", q("nul\\u0000")},
        {"operatorId", q("x".repeat(21))}, {"operatorId", q("a\\u0000b")}, {"operatorId", "12"}, {"operatorId", q("a\\nb")},
        {"terminalNo", q("x".repeat(21))}, {"terminalNo", q("\\u0001")}, {"terminalNo", "[]"},
        {"metadata", q("str")}, {"metadata", "[1]"}, {"metadata", "5"}, {"metadata", "{\"big\":" + q("x".repeat(5000)) + "}"},
    };

    private HostileCorpus() {
    }

    static String q(String s) {
        return "\"" + s + "\"";
    }

    static List<Entry> generate(long seed, int size) {
        Random random = new Random(seed);
        List<Entry> out = new ArrayList<>();
        List<SampleChannel> channels = Providers.channels();
        int i = 0;
        while (out.size() < size) {
            SampleChannel channel = channels.get(random.nextInt(channels.size()));
            Map<String, String> f = base(i, channel);
            int kind = random.nextInt(10);
            if (kind < 7) {
                String[] bad = BAD_VALUES[random.nextInt(BAD_VALUES.length)];
                if (bad[0].equals("amount") && !channel.takesAmounts() && bad[1].equals("null")) {
                    continue;   // no amount is no error where the provider refunds whole payments
                }
                f.put(bad[0], bad[1]);
                if (bad[1].equals("null")) {
                    f.remove(bad[0]);
                }
                out.add(new Entry(bad[0] + "=" + abbreviate(bad[1]), json(f).getBytes(StandardCharsets.UTF_8), bad[0], true));
            } else if (kind == 7) {
                String unknown = new String[] {"amout", "=cmd|' /C calc'!A0", "refundID", "__proto__", "sign"}[random.nextInt(5)];
                f.put(unknown, "1");
                out.add(new Entry("unknown " + unknown, json(f).getBytes(StandardCharsets.UTF_8), unknown.length() > 40 ? unknown.substring(0, 40) : unknown, true));
            } else if (kind == 8) {
                String[] bodies = {"[]", "\"str\"", "42", "null", "{", "{\"refundId\": }", "[".repeat(2000) + "]".repeat(2000),
                    "{\"metadata\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}", "not json at all", "{\"refundId\":\"R\",}"};
                String b = bodies[random.nextInt(bodies.length)];
                out.add(new Entry("body " + abbreviate(b), b.getBytes(StandardCharsets.UTF_8), "body", true));
            } else {
                // invalid UTF-8 inside a value: 0xC3 followed by '(' is not a UTF-8 sequence
                String text = json(f);
                int at = text.indexOf("ORD-");
                byte[] bytes = new byte[text.length() + 1];
                byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(ascii, 0, bytes, 0, at);
                bytes[at] = (byte) 0xC3;
                System.arraycopy(ascii, at, bytes, at + 1, ascii.length - at);
                out.add(new Entry("invalid UTF-8", bytes, "body", false));
            }
            i++;
        }
        return out;
    }

    /** A valid request on {@code channel}, amount and currency as its provider takes them. */
    static Map<String, String> base(int i, SampleChannel channel) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("refundId", q("HX-" + i));
        f.put("orderId", q("ORD-HX-" + i));
        f.put("channel", q(channel.name()));
        if (channel.takesAmounts()) {
            f.put("amount", String.valueOf(channel.amount(100, channel.currency())));
            f.put("currency", q(channel.currency()));
        }
        return f;
    }

    static String json(Map<String, String> f) {
        StringBuilder sb = new StringBuilder("{");
        f.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(q(k.replace("\"", "\\\""))).append(':').append(v));
        return sb.append('}').toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "…" : s;
    }
}
