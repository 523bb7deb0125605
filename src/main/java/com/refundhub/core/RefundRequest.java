package com.refundhub.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The canonical refund request (SPEC §1), after parsing and before validation. Amounts are in the
 * currency's minor unit; {@code metadata} is kept as JSON and never sent to a provider.
 */
public record RefundRequest(
        String refundId,
        String orderId,
        String channel,
        Long amount,
        String currency,
        Long orderAmount,
        String reason,
        String operatorId,
        String terminalNo,
        JsonNode metadata) {
}
