package com.refundhub.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.refundhub.core.Json;
import com.refundhub.provider.scanforpay.ScanforpayEnvelope;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import com.refundhub.config.Setting;
import com.refundhub.config.SettingValues;
import com.refundhub.config.Types;
import java.util.List;

/**
 * scanforpay as its refund document and SPEC §6 describe it: the {@code request}/{@code response} envelope
 * signed over its exact text, partial refunds up to the simulated payment (code 40 past it), and payQuery
 * answering about the order (status 0 dealing, 1 paid not refunded, 2 the named refund failed, 3 refunded
 * with {@code refundAmount} refunded so far).
 */
public class ScanforpaySimulator implements Simulator {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    static final Setting<String> PARTNER_NO = Setting.required("partner-no", Types.TEXT, "the partnerNo it accepts");
    static final Setting<String> KEY = Setting.required("key", Types.TEXT, "the key it checks and signs with").secret();

    private final RefundBook book = new RefundBook();
    private Scenarios scenarios;
    private String partnerNo;
    private String key;

    @Override
    public String type() {
        return "scanforpay";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(PARTNER_NO, KEY);
    }

    @Override
    public void configure(SettingValues account, Scenarios scenarios) {
        this.scenarios = scenarios;
        this.partnerNo = account.get(PARTNER_NO);
        this.key = account.get(KEY);
    }

    @Override
    public RefundBook book() {
        return book;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Reply handle(String path, Map<String, String> headers, String raw) throws Exception {
        Map<String, Object> envelope = Json.MAPPER.readValue(raw, MAP);
        String requestText = ScanforpayEnvelope.memberText(raw, "request");
        Map<String, Object> request = Json.MAPPER.readValue(requestText, MAP);
        Map<String, Object> header = request.get("header") instanceof Map<?, ?> h ? (Map<String, Object>) h : Map.of();
        Map<String, Object> body = request.get("body") instanceof Map<?, ?> b ? (Map<String, Object>) b : Map.of();
        if (!partnerNo.equals(text(header, "partnerNo"))) {
            return unsigned(20, "partner does not exist");
        }
        Object signature = envelope.get("signature");
        if (!ScanforpayEnvelope.verify(requestText, signature == null ? null : signature.toString(), key)) {
            return unsigned(12, "signature verification failed");
        }
        String order = text(body, "partnerOrderNo");
        String refundNo = text(body, "refundNo");
        if (order.isEmpty() || order.length() > 32 || refundNo.isEmpty() || refundNo.length() > 32
                || text(body, "operatorId").length() > 20 || text(body, "terminalNo").length() > 20) {
            return answer(Map.of("code", 11, "msg", "parameter error"), null);
        }
        switch (path) {
            case "/api/common/refund":
                return refund(body, order, refundNo);
            case "/api/common/payQuery":
                return payQuery(order, refundNo);
            default:
                return new Reply(404, "{\"error\":\"no such API\"}", 0);
        }
    }

    private Reply refund(Map<String, Object> body, String order, String refundNo) {
        if (!(body.get("orderAmount") instanceof Number n) || n.longValue() <= 0) {
            return answer(Map.of("code", 11, "msg", "orderAmount must be a positive integer"), null);
        }
        long amount = n.longValue();
        Scenarios.Decision d = scenarios.refund(book, order, refundNo, amount, scenarios.orderAmount(order));
        switch (d.result()) {
            case ORDER_NOT_FOUND:
                return answer(Map.of("code", 30, "msg", "订单不存在"), null);
            case SYSTEM_ERROR:
                return new Reply(503, "{\"error\":\"service unavailable\"}", 0);
            case AMOUNT_EXCEEDED:
            case NOT_ALLOWED:
                return answer(Map.of("code", 40, "msg", "refund amount exceeds the refundable amount"), null);
            case FORCED_CODE:
                return forcedRefund(d, amount);
            default:
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("code", 1);
                b.put("msg", "success");
                if (d.aboutOther()) {
                    b.put("partnerOrderNo", order + "-X");
                }
                b.put("orderAmount", d.entry().amount);
                b.put("status", status(d.result()));
                b.put("currency", "JPY");
                return answer(b, d).as(d);
        }
    }

    /** The refund answer CODE- asked for: {@code body.code[.body.status]}. */
    private Reply forcedRefund(Scenarios.Decision d, long amount) {
        String[] parts = d.forcedParts();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("code", Integer.parseInt(parts[0]));
        b.put("msg", Scenarios.FORCED_MESSAGE);
        if (parts.length > 1) {
            b.put("orderAmount", amount);
            b.put("status", Integer.parseInt(parts[1]));
            b.put("currency", "JPY");
        }
        return answer(b, null);
    }

    /**
     * The payQuery answer INQ- asked for: {@code body.code[.body.status[.COVERED|MISSING]]}. The order's refunded total
     * covers this refund (COVERED), is what the order's other refunds add up to (MISSING), or is not given.
     */
    private Reply forcedPayQuery(Scenarios.Decision d, String order) {
        String[] parts = d.forcedParts();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("code", Integer.parseInt(parts[0]));
        b.put("msg", Scenarios.FORCED_MESSAGE);
        b.put("partnerOrderNo", order);
        b.put("orderAmount", scenarios.orderAmount(order));
        String coverage = parts.length > 2 ? parts[2] : "";
        if (coverage.equals("COVERED")) {
            b.put("refundAmount", book.refunded(order));
        } else if (coverage.equals("MISSING") || parts.length < 2 || !parts[1].equals("3")) {
            b.put("refundAmount", book.succeeded(order));
        }
        if (parts.length > 1) {
            b.put("status", Integer.parseInt(parts[1]));
        }
        b.put("currency", "JPY");
        return answer(b, null);
    }

    private Reply payQuery(String order, String refundNo) {
        Scenarios.Decision d = scenarios.inquire(book, refundNo);
        if (d.result() == Scenarios.Result.FORCED_CODE) {
            return forcedPayQuery(d, order);
        }
        int status;
        if (d.result() == Scenarios.Result.NO_SUCH_REFUND) {
            status = book.succeeded(order) > 0 ? 3 : 1;   // the order is what it is, whatever refund was named
        } else {
            status = d.result() == Scenarios.Result.SUCCEEDED ? 3 : d.result() == Scenarios.Result.FAILED ? 2 : 0;
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("code", 1);
        b.put("msg", "success");
        b.put("partnerOrderNo", d.aboutOther() ? order + "-X" : order);
        b.put("orderAmount", scenarios.orderAmount(order));
        b.put("refundAmount", book.succeeded(order));
        b.put("status", status);
        b.put("currency", "JPY");
        return answer(b, d);
    }

    private static int status(Scenarios.Result r) {
        switch (r) {
            case SUCCEEDED: return 1;
            case FAILED: return 2;
            default: return 0;
        }
    }

    private Reply answer(Map<String, Object> body, Scenarios.Decision d) {
        String text = Json.write(Map.of("header", header(), "body", body));
        if (d != null && d.unsigned()) {
            return Reply.ok("{\"response\":" + text + ",\"signature\":\"\"}");
        }
        String signed = ScanforpayEnvelope.wrap("response", text, key);
        if (d != null && d.forgeSignature()) {
            signed = signed.replace("\"signature\":\"", "\"signature\":\"0");
            signed = signed.substring(0, signed.length() - 3) + "\"}";
        }
        return Reply.ok(signed);
    }

    private static Reply unsigned(int code, String msg) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("header", Map.of("signType", "SHA256", "version", "1.0"));
        response.put("body", Map.of("code", code, "msg", msg));
        return Reply.ok("{\"response\":" + Json.write(response) + ",\"signature\":\"\"}");
    }

    private Map<String, Object> header() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("partnerNo", partnerNo);
        h.put("respTime", OffsetDateTime.now(ZoneOffset.ofHours(9)).truncatedTo(ChronoUnit.SECONDS).format(TIME));
        h.put("signType", "SHA256");
        h.put("version", "1.0");
        h.put("reqMsgId", UUID.randomUUID().toString());
        return h;
    }

    private static String text(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? "" : v.toString();
    }
}
