package com.refundhub.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.refundhub.core.Json;
import com.refundhub.provider.trusty.TrustySignature;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import com.refundhub.config.Setting;
import com.refundhub.config.SettingValues;
import com.refundhub.config.Types;
import java.util.List;

/**
 * Trusty Pay as its documents describe it ({@code trusty-refund.txt}, {@code trusty-query.txt}): flat JSON,
 * MD5 or HMAC-SHA256 signatures both ways, full refunds only, query by {@code tradeNo}.
 */
public class TrustySimulator implements Simulator {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final SecureRandom RANDOM = new SecureRandom();

    static final Setting<String> APP_ID = Setting.required("app-id", Types.TEXT, "the app_id the simulator accepts");
    static final Setting<String> MCHNT_ID = Setting.required("mchnt-id", Types.TEXT, "the mchnt_id it accepts");
    static final Setting<String> KEY = Setting.required("key", Types.TEXT, "the key it checks and signs with").secret();

    private final RefundBook book = new RefundBook();
    private Scenarios scenarios;
    private String appId;
    private String mchntId;
    private String key;

    @Override
    public String type() {
        return "trusty";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(APP_ID, MCHNT_ID, KEY);
    }

    @Override
    public void configure(SettingValues account, Scenarios scenarios) {
        this.scenarios = scenarios;
        this.appId = account.get(APP_ID);
        this.mchntId = account.get(MCHNT_ID);
        this.key = account.get(KEY);
    }

    @Override
    public RefundBook book() {
        return book;
    }

    @Override
    public Reply handle(String path, Map<String, String> headers, String body) throws Exception {
        Map<String, Object> req = Json.MAPPER.readValue(body, MAP);
        TrustySignature.Type signType;
        try {
            signType = TrustySignature.Type.of(text(req, "sign_type"));
        } catch (IllegalArgumentException e) {
            return answer(req, TrustySignature.Type.MD5, "PARAM_ERROR", "sign_type", Map.of());
        }
        // a request it cannot authenticate gets an unsigned refusal: signing it would tell nothing
        if (!appId.equals(text(req, "app_id")) || !mchntId.equals(text(req, "mchnt_id"))) {
            return unsigned("MERCHANT_NOT_EXIST", "Merchant does not exist.");
        }
        if (!TrustySignature.verify(req, key, signType)) {
            return unsigned("SIGN_ERROR", "Incorrect signature result.");
        }
        String tradeNo = text(req, "tradeNo");
        if (tradeNo.isEmpty() || tradeNo.length() > 32 || text(req, "nonce_str").isEmpty()) {
            return answer(req, signType, "PARAM_ERROR", "Parameter error.", Map.of());
        }
        switch (path) {
            case "/openapi/v1/trusty/refund":
                return refund(req, signType, tradeNo);
            case "/openapi/v1/trusty/query":
                return query(req, signType, tradeNo);
            default:
                return new Reply(404, "{\"error\":\"no such API\"}", 0);
        }
    }

    private Reply refund(Map<String, Object> req, TrustySignature.Type signType, String tradeNo) {
        String refundNo = text(req, "refundNo");
        if (refundNo.isEmpty() || refundNo.length() > 32) {
            return answer(req, signType, "PARAM_ERROR", "Parameter error.", Map.of());
        }
        Scenarios.Decision d = scenarios.refund(book, tradeNo, refundNo, 0, null);
        Map<String, Object> extra = new LinkedHashMap<>();
        switch (d.result()) {
            case ORDER_NOT_FOUND:
                return answer(req, signType, "ORDER_NOT_EXIST", "This order does not exist.", Map.of());
            case SYSTEM_ERROR:
                return answer(req, signType, "SYSTEM_ERROR", "System error.", Map.of());
            case NOT_ALLOWED:
            case AMOUNT_EXCEEDED:
                return answer(req, signType, "ORDER_NOT_ALLOWED", "Order does not allow refund.", Map.of());
            case FORCED_CODE:
                return forced(req, signType, d, "refundStatus", refundNo);
            default:
                extra.put("refundNo", d.aboutOther() ? refundNo + "X" : refundNo);
                extra.put("refundStatus", "REFUND_" + status(d.result()));
                Reply reply = answer(req, signType, "SUCCESS", "", extra, !d.unsigned()).as(d);
                return d.forgeSignature() ? forged(reply) : reply;
        }
    }

    private Reply query(Map<String, Object> req, TrustySignature.Type signType, String tradeNo) {
        Scenarios.Decision d = scenarios.inquire(book, tradeNo);
        if (d.result() == Scenarios.Result.NO_SUCH_REFUND) {
            return answer(req, signType, "ORDER_NOT_EXIST", "This order does not exist.", Map.of());
        }
        if (d.result() == Scenarios.Result.FORCED_CODE) {
            return forced(req, signType, d, "payStatus", d.entry().refundNo);
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        String about = d.aboutOther() ? d.entry().refundNo + "X" : d.entry().refundNo;
        extra.put("tradeNo", about);
        extra.put("refundNo", about);
        extra.put("payStatus", "REFUND_" + status(d.result()));
        extra.put("currency", "MMK");
        extra.put("refundDate", "");
        Reply reply = answer(req, signType, "SUCCESS", "", extra, true);
        return d.forgeSignature() ? forged(reply) : reply;
    }

    /** The answer CODE-/INQ- asked for: {@code return_code[.refundStatus|payStatus]}, signed. */
    private Reply forced(Map<String, Object> req, TrustySignature.Type signType, Scenarios.Decision d, String statusField,
                         String refundNo) {
        String[] parts = d.forcedParts();
        Map<String, Object> extra = new LinkedHashMap<>();
        if (parts.length > 1) {
            extra.put("refundNo", refundNo);
            extra.put(statusField, parts[1]);
        }
        return answer(req, signType, parts[0], Scenarios.FORCED_MESSAGE, extra);
    }

    private static Reply unsigned(String returnCode, String msg) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("return_code", returnCode);
        a.put("return_msg", msg);
        return Reply.ok(Json.write(a));
    }

    /** The same answer with its signature's last character changed. */
    private static Reply forged(Reply reply) {
        String body = reply.body();
        int at = body.indexOf("\"sign\":\"") + 8;
        int end = body.indexOf('"', at);
        char last = body.charAt(end - 1);
        return new Reply(reply.status(), body.substring(0, end - 1) + (last == '0' ? '1' : '0') + body.substring(end),
                reply.delayMillis());
    }

    private static String status(Scenarios.Result r) {
        switch (r) {
            case SUCCEEDED: return "SUCCESS";
            case FAILED: return "FAIL";
            default: return "PROCESSING";
        }
    }

    private Reply answer(Map<String, Object> req, TrustySignature.Type signType, String returnCode, String msg,
                         Map<String, Object> extra) {
        return answer(req, signType, returnCode, msg, extra, true);
    }

    private Reply answer(Map<String, Object> req, TrustySignature.Type signType, String returnCode, String msg,
                         Map<String, Object> extra, boolean signed) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("app_id", appId);
        a.put("mchnt_id", mchntId);
        a.put("nonce_str", Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36).toUpperCase());
        a.put("sign_type", signType.name());
        a.put("return_code", returnCode);
        a.put("return_msg", msg);
        a.putAll(extra);
        if (signed) {
            a.put("sign", TrustySignature.sign(a, key, signType));
        }
        return Reply.ok(Json.write(a));
    }

    private static String text(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? "" : v.toString();
    }
}
