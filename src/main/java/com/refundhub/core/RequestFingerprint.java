package com.refundhub.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The idempotency fingerprint of a request: SHA-256 over its fields in a fixed order (metadata with sorted
 * keys), so "identical" means the same refund whatever the intake or the JSON key order.
 */
public final class RequestFingerprint {
    private static final ObjectMapper SORTED = Json.MAPPER.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private RequestFingerprint() {
    }

    public static String of(RefundRequest r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("refundId", r.refundId());
        fields.put("orderId", r.orderId());
        fields.put("channel", r.channel());
        fields.put("amount", r.amount());
        fields.put("currency", r.currency());
        fields.put("orderAmount", r.orderAmount());
        fields.put("reason", r.reason());
        fields.put("operatorId", r.operatorId());
        fields.put("terminalNo", r.terminalNo());
        fields.put("metadata", r.metadata() == null ? null : SORTED.convertValue(r.metadata(), Object.class));
        try {
            byte[] canonical = SORTED.writeValueAsBytes(fields);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
