package com.refundhub.core;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of a refund record (SPEC §2), shared by HTTP answers, JMS replies and events. */
public final class RecordView {
    private RecordView() {
    }

    public static Map<String, Object> of(RefundRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("refundId", r.refundId());
        m.put("orderId", r.orderId());
        m.put("channel", r.channel());
        m.put("amount", r.amount());
        m.put("currency", r.currency());
        putIfPresent(m, "orderAmount", r.orderAmount());
        putIfPresent(m, "reason", r.reason());
        putIfPresent(m, "operatorId", r.operatorId());
        putIfPresent(m, "terminalNo", r.terminalNo());
        putIfPresent(m, "metadata", r.metadata());
        m.put("status", r.status().name());
        m.put("final", r.status().isFinal());
        m.put("code", r.code());
        m.put("message", r.message());
        m.put("providerCode", r.providerCode());
        m.put("providerMessage", r.providerMessage());
        m.put("providerRefundId", r.providerRefundId());
        m.put("attempts", r.attempts());
        m.put("inquiries", r.inquiries());
        m.put("intake", r.intake());
        m.put("createdAt", time(r.createdAt()));
        m.put("updatedAt", time(r.updatedAt()));
        List<Map<String, Object>> history = new ArrayList<>();
        for (HistoryEntry h : r.history()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("from", h.from() == null ? null : h.from().name());
            e.put("status", h.to().name());
            e.put("code", h.code());
            e.put("message", h.message());
            e.put("actor", h.actor());
            putIfPresent(e, "note", h.note());
            e.put("at", time(h.at()));
            history.add(e);
        }
        m.put("history", history);
        return m;
    }

    /** The body of a status-change event: the record right after the change, and the status before it. */
    public static Map<String, Object> event(RefundRecord r, RefundStatus from) {
        Map<String, Object> m = of(r);
        m.remove("history");
        m.put("previousStatus", from == null ? null : from.name());
        return m;
    }

    /** A timestamp as RFC 3339 says, seconds always written ({@code OffsetDateTime.toString()} drops ":00"). */
    public static String time(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
