package com.refundhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test data shared by the provider tests: the fields of a known-answer case, a channel, a record. */
public final class Fixtures {
    private Fixtures() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> fields(JsonNode vector) {
        return Json.MAPPER.convertValue(vector.get("fields"), LinkedHashMap.class);
    }

    public static ChannelConfig channel(String type, Set<String> currencies, Map<String, String> settings) {
        return new ChannelConfig(type, type, "http://127.0.0.1:1", "/r", "/q", Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, List.of(Duration.ofSeconds(1)), currencies, settings);
    }

    public static RefundRecord record(String refundId, String orderId, String channel, Long amount, String currency) {
        OffsetDateTime now = OffsetDateTime.now();
        return new RefundRecord(refundId, orderId, channel, amount, currency, null, null, null, null, null,
                RefundStatus.PENDING, null, null, null, null, null, 1, 0, false, "HTTP", now, now, List.of());
    }
}
