package com.refundhub.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.refundhub.core.Json;
import com.refundhub.provider.PemKeys;
import com.refundhub.provider.newpay.NewPaySignature;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import com.refundhub.config.Setting;
import com.refundhub.config.SettingValues;
import com.refundhub.config.Types;
import java.util.List;

/**
 * NewPay as its "Inquiry Refund" document and SPEC §6 describe it: header {@code version: 1.0}, requests signed
 * SHA256withRSA by the merchant, answers' {@code data} signed by NewPay; errors and "processing" carry no data.
 * Partial refunds up to the simulated payment's amount (Z00050 past it).
 */
public class NewPaySimulator implements Simulator {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    static final Setting<String> APP_ID = Setting.required("app-id", Types.TEXT, "the appId the simulator accepts");
    static final Setting<String> MERCHANT_ID = Setting.required("merchant-id", Types.TEXT, "the merchantId it accepts");
    static final Setting<String> CURRENCY = Setting.of("currency", Types.CURRENCY, "LAK",
            "currency of the payments it simulates");
    static final Setting<String> MERCHANT_PUBLIC_KEY = Setting.required("merchant-public-key", PemKeys.PUBLIC_KEY_FILE,
            "the merchant's public key: how it checks requests");
    static final Setting<String> PROVIDER_PRIVATE_KEY = Setting.required("provider-private-key",
            PemKeys.PRIVATE_KEY_FILE, "its own private key: how it signs answers");

    private final RefundBook book = new RefundBook();
    private final AtomicLong sequence = new AtomicLong(202209078000000000L);
    private Scenarios scenarios;
    private String appId;
    private String merchantId;
    private String currency;
    private PublicKey merchantKey;
    private PrivateKey providerKey;

    @Override
    public String type() {
        return "newpay";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(APP_ID, MERCHANT_ID, CURRENCY, MERCHANT_PUBLIC_KEY, PROVIDER_PRIVATE_KEY);
    }

    @Override
    public void configure(SettingValues account, Scenarios scenarios) {
        this.scenarios = scenarios;
        this.appId = account.get(APP_ID);
        this.merchantId = account.get(MERCHANT_ID);
        this.currency = account.get(CURRENCY);
        this.merchantKey = PemKeys.publicKey(account.get(MERCHANT_PUBLIC_KEY));
        this.providerKey = PemKeys.privateKey(account.get(PROVIDER_PRIVATE_KEY));
    }

    @Override
    public RefundBook book() {
        return book;
    }

    @Override
    public Reply handle(String path, Map<String, String> headers, String body) throws Exception {
        if (!"1.0".equals(headers.get("version"))) {
            return error("B11095", "Illegal request");
        }
        Map<String, Object> req = Json.MAPPER.readValue(body, MAP);
        if (!appId.equals(text(req, "appId"))) {
            return error("Z00003", "appid field wrong");
        }
        if (!merchantId.equals(text(req, "merchantId"))) {
            return error("Z00044", "merchantId field wrong");
        }
        if (!(req.get("timestamp") instanceof Number)) {
            return error("Z00004", "timestamp field illegal");
        }
        if (!NewPaySignature.verify(req, merchantKey)) {
            return error("Z00007", "sign field verification failed");
        }
        String refundOrderNo = text(req, "refundOrderNo");
        if (refundOrderNo.isEmpty() || refundOrderNo.length() > 32) {
            return error("Z00049", "refundOrderNo field illegal");
        }
        switch (path) {
            case "/api/open/converge/pay/v1/refund":
                return refund(req, refundOrderNo);
            case "/api/open/converge/pay/v1/refund/query":
                return inquiry(refundOrderNo);
            default:
                return new Reply(404, "{\"error\":\"no such API\"}", 0);
        }
    }

    private Reply refund(Map<String, Object> req, String refundOrderNo) {
        String orderNo = text(req, "orderNo");
        long amount;
        try {
            // LAK and USD both have two minor digits: the merchant account's currency does not change the sum
            java.math.BigDecimal major = new java.math.BigDecimal(text(req, "refundOrderAmt"));
            if (major.scale() > 2) {
                throw new NumberFormatException("too many decimals");
            }
            amount = major.movePointRight(2).longValueExact();
        } catch (RuntimeException e) {
            return error("B11095", "Illegal request");
        }
        if (orderNo.isEmpty() || amount <= 0) {
            return error("B11095", "Illegal request");
        }
        Scenarios.Decision d = scenarios.refund(book, orderNo, refundOrderNo, amount, scenarios.orderAmount(orderNo));
        switch (d.result()) {
            case ORDER_NOT_FOUND:
                return error("Z00051", "order information is not existed");
            case SYSTEM_ERROR:
                return error("E9999", "unknow error");
            case AMOUNT_EXCEEDED:
            case NOT_ALLOWED:
                return error("Z00050", "refund amount exceeds what is left of the order");
            case FORCED_CODE:
                return forced(d, refundOrderNo, orderNo, amount);
            case PROCESSING:
                return ok(null).as(d);
            default:
                return ok(data(d, d.result() == Scenarios.Result.SUCCEEDED)).as(d);
        }
    }

    private Reply inquiry(String refundOrderNo) {
        Scenarios.Decision d = scenarios.inquire(book, refundOrderNo);
        switch (d.result()) {
            case NO_SUCH_REFUND:
                return error("Z00051", "order information is not existed");
            case PROCESSING:
                return ok(null);
            case FORCED_CODE:
                return forced(d, d.entry().refundNo, d.entry().orderId, d.entry().amount);
            default:
                return ok(data(d, d.result() == Scenarios.Result.SUCCEEDED));
        }
    }

    /** The answer CODE-/INQ- asked for: {@code code[.data.tranStatus]}; code 0 is a success answer. */
    private Reply forced(Scenarios.Decision d, String refundNo, String orderNo, long amount) {
        String[] parts = d.forcedParts();
        if (parts.length == 1) {
            return "0".equals(parts[0]) ? ok(null) : error(parts[0], Scenarios.FORCED_MESSAGE);
        }
        Object tranStatus = parts[1].matches("[0-9]+") ? (Object) Integer.valueOf(parts[1]) : parts[1];
        return reply("0".equals(parts[0]), parts[0], Scenarios.FORCED_MESSAGE,
                data(d, refundNo, orderNo, amount, tranStatus, "forced"));
    }

    private Map<String, Object> data(Scenarios.Decision decision, boolean success) {
        RefundBook.Entry e = decision.entry();
        return data(decision, e.refundNo, e.orderId, e.amount, success ? 1 : 0, success ? "success" : "refund failed");
    }

    private Map<String, Object> data(Scenarios.Decision decision, String refundNo, String orderNo, long amount,
                                     Object tranStatus, String tranInfo) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("appId", appId);
        d.put("tranAbbr", null);
        d.put("tranNo", String.format("%020d", Math.abs(refundNo.hashCode())));
        d.put("tranStatus", tranStatus);
        d.put("tranInfo", tranInfo);
        d.put("refundOrderAmt", java.math.BigDecimal.valueOf(amount, 2).stripTrailingZeros().toPlainString());
        d.put("payMethod", 1);
        d.put("currency", currency);
        d.put("orderNo", orderNo);
        d.put("newpayOrderNo", "6" + Math.abs(orderNo.hashCode()));
        d.put("refundOrderNo", decision.aboutOther() ? refundNo + "X" : refundNo);
        d.put("newpayRefundOrderNo", "NP" + sequence.incrementAndGet());
        if (!decision.unsigned()) {
            String sign = NewPaySignature.sign(d, providerKey);
            d.put("sign", decision.forgeSignature() ? (sign.startsWith("A") ? "B" : "A") + sign.substring(1) : sign);
        }
        return d;
    }

    private static Reply ok(Map<String, Object> data) {
        return reply(true, "0", "success", data);
    }

    private static Reply error(String code, String message) {
        return reply(false, code, message, null);
    }

    private static Reply reply(boolean success, String code, String message, Map<String, Object> data) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("success", success);
        a.put("message", message);
        if (data != null) {
            a.put("data", data);
        }
        a.put("code", code);
        a.put("timestamp", String.valueOf(System.currentTimeMillis()));
        return Reply.ok(Json.write(a));
    }

    private static String text(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? "" : v.toString();
    }
}
