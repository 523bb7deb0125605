package com.refundhub.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * How {@code GET /refunds/{refundId}} shows a refund whose details retention removed: {@code "pruned"} on the record
 * (when, and what was removed), and {@code "pruned": true} on each provider exchange (its request and response bodies
 * removed). The history is the audit trail and is never pruned.
 */
final class PrunedDetails {
    static final List<String> REMOVED = List.of("provider exchange bodies");

    private PrunedDetails() {
    }

    @SuppressWarnings("unchecked")
    static void mark(Map<String, Object> view, OffsetDateTime at) {
        view.put("pruned", Map.of("at", at.toString(), "removed", REMOVED));
        if (view.get("exchanges") instanceof List<?> exchanges) {
            exchanges.forEach(e -> ((Map<String, Object>) e).put("pruned", true));
        }
    }
}
