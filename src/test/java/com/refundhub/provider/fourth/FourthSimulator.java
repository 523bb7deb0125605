package com.refundhub.provider.fourth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.refundhub.core.Json;
import com.refundhub.provider.JsonText;
import com.refundhub.sandbox.RefundBook;
import com.refundhub.sandbox.Scenarios;
import com.refundhub.sandbox.Simulator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import com.refundhub.config.Setting;
import com.refundhub.config.SettingValues;
import com.refundhub.config.Types;
import java.util.List;

/**
 * Fourth in the sandbox (test sources only): checks the merchant and the HMAC of every request, answers every
 * scenario of {@link Scenarios} in Fourth's words, signed the same way. Results: {@code OK} with a state
 * ({@code DONE}, {@code WAIT}, {@code DENIED}), {@code NO_ORDER}, {@code TOO_MUCH}, {@code BAD_INPUT}, {@code BUSY},
 * {@code NO_REFUND}; unsigned {@code BAD_MAC} and {@code NO_MERCHANT} for requests it cannot authenticate.
 */
public class FourthSimulator implements Simulator {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private final RefundBook book = new RefundBook();
    private final AtomicLong tickets = new AtomicLong();
    private Scenarios scenarios;
    private String merchant;
    private String key;

    @Override
    public String type() {
        return "fourth";
    }

    // defaults, so that a configuration that does not mention this test-only simulator is still complete
    static final Setting<String> MERCHANT = Setting.of("merchant", Types.TEXT, "F-4", "the merchant it accepts");
    static final Setting<String> KEY = Setting.of("key", Types.TEXT, "fourth-sandbox-key-7c41e0",
            "the key it checks and signs with").secret();

    @Override
    public List<Setting<?>> settings() {
        return List.of(MERCHANT, KEY);
    }

    @Override
    public void configure(SettingValues account, Scenarios scenarios) {
        this.scenarios = scenarios;
        this.merchant = account.get(MERCHANT);
        this.key = account.get(KEY);
    }

    @Override
    public RefundBook book() {
        return book;
    }

    @Override
    public Reply handle(String path, Map<String, String> headers, String body) throws Exception {
        Map<String, Object> envelope = Json.MAPPER.readValue(body, MAP);
        String text = JsonText.objectText(body, "msg");
        Map<String, Object> msg = Json.MAPPER.readValue(text, MAP);
        if (merchant == null || !merchant.equals(msg.get("merchant"))) {
            return unsigned("NO_MERCHANT", "merchant unknown");
        }
        Object signature = envelope.get("signature");
        if (!FourthMac.verify(text, signature == null ? null : signature.toString(), key)) {
            return unsigned("BAD_MAC", "mac does not verify");
        }
        String refund = msg.get("refund") == null ? "" : msg.get("refund").toString();
        if (refund.isEmpty() || refund.length() > 32) {
            return answer(result("BAD_INPUT", null), null);
        }
        switch (path) {
            case "/v0/refunds":
                return refund(msg, refund);
            case "/v0/refunds/query":
                return query(refund);
            default:
                return new Reply(404, "{\"error\":\"no such API\"}", 0);
        }
    }

    private Reply refund(Map<String, Object> msg, String refund) {
        String order = msg.get("order") == null ? "" : msg.get("order").toString();
        if (order.isEmpty() || !(msg.get("amount") instanceof Number n) || n.longValue() <= 0) {
            return answer(result("BAD_INPUT", null), null);
        }
        long amount = n.longValue();
        Scenarios.Decision d = scenarios.refund(book, order, refund, amount, scenarios.orderAmount(order));
        switch (d.result()) {
            case ORDER_NOT_FOUND:
                return answer(result("NO_ORDER", "no such order"), null);
            case SYSTEM_ERROR:
                return answer(result("BUSY", "try later"), null);
            case NOT_ALLOWED:
            case AMOUNT_EXCEEDED:
                return answer(result("TOO_MUCH", "more than is left of the order"), null);
            case FORCED_CODE:
                return forced(d, refund, amount);
            default:
                return answer(about(d, result("OK", null), state(d.result()), refund, amount), d).as(d);
        }
    }

    private Reply query(String refund) {
        Scenarios.Decision d = scenarios.inquire(book, refund);
        switch (d.result()) {
            case NO_SUCH_REFUND:
                return answer(result("NO_REFUND", "no such refund"), null);
            case FORCED_CODE:
                return forced(d, refund, d.entry().amount);
            default:
                return answer(about(d, result("OK", null), state(d.result()), refund, d.entry().amount), d);
        }
    }

    /** The answer CODE-/INQ- asked for: {@code result[.state]}. */
    private Reply forced(Scenarios.Decision d, String refund, long amount) {
        String[] parts = d.forcedParts();
        Map<String, Object> msg = result(parts[0], Scenarios.FORCED_MESSAGE);
        return answer(parts.length > 1 ? about(d, msg, parts[1], refund, amount) : msg, null);
    }

    private Map<String, Object> about(Scenarios.Decision d, Map<String, Object> msg, String state, String refund, long amount) {
        msg.put("state", state);
        msg.put("refund", d.aboutOther() ? refund + "X" : refund);
        msg.put("amount", amount);
        msg.put("ticket", "F-" + tickets.incrementAndGet());
        return msg;
    }

    private static Map<String, Object> result(String result, String note) {
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("result", result);
        if (note != null) {
            msg.put("note", note);
        }
        return msg;
    }

    private static String state(Scenarios.Result r) {
        switch (r) {
            case SUCCEEDED: return "DONE";
            case FAILED: return "DENIED";
            default: return "WAIT";
        }
    }

    /** Signed over the exact text of {@code msg}; spaces around it, as a provider may send them. */
    private Reply answer(Map<String, Object> msg, Scenarios.Decision d) {
        String text = Json.write(msg);
        String signature = d != null && d.unsigned() ? "" : FourthMac.sign(text, key);
        if (d != null && d.forgeSignature()) {
            signature = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
        }
        return Reply.ok("{ \"msg\": " + text + ", \"signature\": \"" + signature + "\" }");
    }

    private static Reply unsigned(String result, String note) {
        return Reply.ok("{\"msg\":" + Json.write(result(result, note)) + ",\"signature\":\"\"}");
    }
}
